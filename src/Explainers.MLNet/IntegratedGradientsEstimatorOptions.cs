using System.ComponentModel.DataAnnotations;
using Interp.Explainers.Attribution.IntegratedGradients;

namespace Interp.Explainers.MLNet;

/// <summary>Options of <c>mlContext.Explain().IntegratedGradients(chain, options)</c>.</summary>
public sealed class IntegratedGradientsEstimatorOptions : ExplanationColumnOptions
{
    /// <summary>The explainer's own options (<c>Steps</c>, <c>Rule</c>, <c>MultiplyByInputs</c>, <c>PerturbationsPerEval</c>, ...).</summary>
    public IntegratedGradientsOptions Explainer { get; set; } = new();

    /// <summary>The explained output index (class); null (default): each row's predicted class (the largest output).</summary>
    [Range(0, int.MaxValue)]
    public int? Target { get; set; }

    /// <summary>The baseline value of every input scalar (default 0).</summary>
    public float BaselineValue { get; set; }

    /// <summary>The attribution column (default <c>Attribution</c>): a Single vector shaped like the model's input.</summary>
    [Required]
    public string OutputColumnName { get; set; } = "Attribution";

    /// <summary>The convergence delta column (default <c>ConvergenceDelta</c>): Σ attributions − (f(x) − f(baseline)).</summary>
    [Required]
    public string DeltaColumnName { get; set; } = "ConvergenceDelta";

    /// <summary>The ONNX file to explain; null (default): the ONNX model found in the chain.</summary>
    public string? OnnxModelPath { get; set; }

    /// <summary>
    /// Where to run (<c>auto|cpu|cuda:N</c>, as <c>Interp:Device</c>); null (default): the context's
    /// <c>GpuDeviceId</c> and <c>FallbackToCpu</c> (see <see cref="MLNetDevice"/>).
    /// </summary>
    public string? Device { get; set; }
}
