using Interp.Explainers.Tensors;

namespace Interp.Explainers.Requests;

/// <summary>
/// A concept-level request: activations of one hook point (given, or computed from the model on the request's token
/// sequences), to explain SAE features or neurons (<c>SaeFeatures</c>) or to train a probe (<c>LinearProbe</c>).
/// </summary>
public sealed class ConceptRequest : ExplanationRequest
{
    /// <summary>The hook point the activations come from, e.g. <c>blocks.2.hook_resid_post</c>.</summary>
    public required string HookPoint { get; init; }

    /// <summary>Activations [rows, d]; null when the explainer reads them from the model itself.</summary>
    public NdArray<float>? Activations { get; init; }

    /// <summary>
    /// Labels for probes: one per row of <see cref="Activations"/>; or, with <see cref="Prompts"/>, one per prompt (its last
    /// token is probed) or one per token of all prompts (every token is probed).
    /// </summary>
    public NdArray<int>? Labels { get; init; }

    /// <summary>The feature (or neuron) index to explain, where one is chosen.</summary>
    public int? FeatureIndex { get; init; }

    /// <summary>More features (or neurons) to explain, after <see cref="FeatureIndex"/>.</summary>
    public IReadOnlyList<int>? FeatureIndices { get; init; }

    /// <summary>A prompt (token ids): which features fire where, and the prompt steered generations continue.</summary>
    public IReadOnlyList<int>? Tokens { get; init; }

    /// <summary>Token sequences searched for top-activating contexts; null: the explainer's corpus option.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Corpus { get; init; }

    /// <summary>Prompts (token ids) whose hook activations a probe is trained on, with <see cref="Labels"/>.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Prompts { get; init; }

    /// <summary>A sparse autoencoder file (Interp.Sae safetensors) overriding the explainer's <c>SaePath</c> option.</summary>
    public string? SaePath { get; init; }
}
