using Interp.Explainers.Tensors;

namespace Interp.Explainers.Requests;

/// <summary>
/// A concept-level request: activations of one hook point (from an activation store or a live model), to train
/// or evaluate a sparse autoencoder or a probe, or to find what a feature means.
/// </summary>
public sealed class ConceptRequest : ExplanationRequest
{
    /// <summary>The hook point the activations come from, e.g. <c>blocks.2.hook_resid_post</c>.</summary>
    public required string HookPoint { get; init; }

    /// <summary>Activations [rows, d]; null when the explainer reads them from the model itself.</summary>
    public NdArray<float>? Activations { get; init; }

    /// <summary>Labels per row for probes; null otherwise.</summary>
    public NdArray<int>? Labels { get; init; }

    /// <summary>The feature (or neuron) index to explain, where one is chosen.</summary>
    public int? FeatureIndex { get; init; }
}
