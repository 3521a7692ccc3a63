using Interp.Explainers.Attribution.Gradients;

namespace Interp.Explainers.Attribution.Saliency;

/// <summary>Options of <see cref="Saliency"/> (section <c>Interp:Explainers:Saliency</c>).</summary>
public sealed class SaliencyOptions : GradientOptions
{
    /// <summary>Return |∇f| (Captum: <c>abs</c>, default true) rather than the signed gradient.</summary>
    public bool Abs { get; set; } = true;
}
