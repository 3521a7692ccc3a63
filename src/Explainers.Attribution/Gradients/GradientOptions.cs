namespace Interp.Explainers.Attribution.Gradients;

/// <summary>Options shared by the single-pass gradient explainers (no options of their own beyond batching).</summary>
public class GradientOptions : PerturbationOptions
{
}
