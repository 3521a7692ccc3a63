namespace Interp.Explainers.Attribution.ExactShap;

/// <summary>Options of <see cref="ExactShap"/> (section <c>Interp:Explainers:ExactShap</c>).</summary>
public sealed class ExactShapOptions : Shapley.ShapleyOptions
{
}
