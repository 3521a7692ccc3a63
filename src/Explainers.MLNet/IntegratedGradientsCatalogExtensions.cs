using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary><c>mlContext.Explain().IntegratedGradients(...)</c>: Integrated Gradients of an ONNX model applied in an ML.NET chain.</summary>
public static class IntegratedGradientsCatalogExtensions
{
    /// <summary>
    /// Integrated Gradients of the ONNX model in <paramref name="chain"/> (applied with
    /// <c>mlContext.Transforms.ApplyOnnxModel</c>), run through Interp's ONNX importer on the context's device. The
    /// transformer reads the model's input column and appends <c>Attribution</c> (same size as the input) and
    /// <c>ConvergenceDelta</c>.
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="chain">A fitted chain holding exactly one ONNX model.</param>
    /// <param name="target">The explained output index; null: each row's predicted class.</param>
    /// <param name="steps">Points on the path (default 50, Gauss–Legendre).</param>
    /// <exception cref="InterpException">The chain holds no ONNX model or several, or the model has several inputs.</exception>
    public static ExplanationEstimator IntegratedGradients(this ExplainCatalog catalog, ITransformer chain, int? target = null, int steps = 50) =>
        IntegratedGradients(catalog, chain, new IntegratedGradientsEstimatorOptions { Target = target, Explainer = new() { Steps = steps } });

    /// <summary>Integrated Gradients with all options (rule, baseline, target, the ONNX file, device, window size).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="chain">A fitted chain holding one ONNX model; may be null when <see cref="IntegratedGradientsEstimatorOptions.OnnxModelPath"/> is set.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="InterpException">Invalid options, no ONNX model found, or a model with several inputs.</exception>
    public static ExplanationEstimator IntegratedGradients(this ExplainCatalog catalog, ITransformer? chain, IntegratedGradientsEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.Check("IntegratedGradients", options, options.Explainer);
        if (chain is null && options.OnnxModelPath is null) throw new ArgumentNullException(nameof(chain), "Give the chain holding the ONNX model, or IntegratedGradientsEstimatorOptions.OnnxModelPath.");
        return new ExplanationEstimator(new IntegratedGradientsSetup(catalog.Context, chain, options));
    }
}
