using Interp.Explainers.Attribution.Gradients;

namespace Interp.Explainers.Attribution.IntegratedGradients;

/// <summary>Options of <see cref="IntegratedGradients"/> (section <c>Interp:Explainers:IntegratedGradients</c>).</summary>
public sealed class IntegratedGradientsOptions : PathOptions
{
}
