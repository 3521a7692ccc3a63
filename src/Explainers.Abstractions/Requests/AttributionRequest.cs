using Interp.Explainers.Tensors;

namespace Interp.Explainers.Requests;

/// <summary>
/// A local attribution request, shaped like Captum's <c>attribute(inputs, baselines, target, feature_mask)</c>:
/// attributions are computed for <see cref="Inputs"/>[<see cref="InputIndex"/>]; the other inputs are held fixed.
/// </summary>
public sealed class AttributionRequest : ExplanationRequest
{
    /// <summary>Model inputs, batch (examples) first; one entry per model input.</summary>
    public required IReadOnlyList<INdArray> Inputs { get; init; }

    /// <summary>Which input is attributed (a float input).</summary>
    public int InputIndex { get; init; }

    /// <summary>
    /// Baseline for the attributed input: shape [1, ...] (broadcast over examples) or [N, ...] (one per example).
    /// Null: <see cref="BaselineValue"/> everywhere.
    /// </summary>
    public NdArray<float>? Baselines { get; init; }

    /// <summary>The scalar baseline used where <see cref="Baselines"/> is null.</summary>
    public float BaselineValue { get; init; }

    /// <summary>
    /// Output index explained, one per example (index into the flattened per-example output). Null: the model
    /// has exactly one output value per example.
    /// </summary>
    public IReadOnlyList<int>? Targets { get; init; }

    /// <summary>Group id per scalar of the attributed input ([1, ...] or [N, ...]): Captum's <c>feature_mask</c>.</summary>
    public NdArray<int>? FeatureMask { get; init; }

    /// <summary>A coarser group mask (inputs.json <c>grouped_mask</c>), chosen with the explainer option <c>Mask=grouped</c>.</summary>
    public NdArray<int>? GroupedMask { get; init; }

    /// <summary>Accept NaN or infinite values in the inputs (rejected by default).</summary>
    public bool AllowNonFinite { get; init; }

    /// <summary>Labels written into the explanation (feature names, image info).</summary>
    public ExplanationLabels? Labels { get; init; }
}
