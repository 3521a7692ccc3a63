using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>∇f(x)[target] for every example, in batches (Saliency, InputXGradient, GuidedBackprop, Deconvolution).</summary>
internal static class GradientAtInput
{
    public static float[] Run(AttributionSetup setup, GradientBatches batches, CancellationToken cancellationToken)
    {
        int len = setup.ExampleLength;
        var gradients = new float[setup.Examples * len];
        batches.Run(setup.Examples, k => k, static (_, _) => { }, (k, g, _) => g.CopyTo(gradients.AsSpan(k * len, len)), cancellationToken);
        return gradients;
    }
}
