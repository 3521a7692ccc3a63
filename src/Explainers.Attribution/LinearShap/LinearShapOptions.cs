namespace Interp.Explainers.Attribution.LinearShap;

/// <summary>Options of <see cref="LinearShap"/> (section <c>Interp:Explainers:LinearShap</c>).</summary>
public sealed class LinearShapOptions : ExplainerOptions
{
    /// <summary>Accept NaN or infinite inputs (rejected by default).</summary>
    public bool AllowNonFinite { get; set; }
}
