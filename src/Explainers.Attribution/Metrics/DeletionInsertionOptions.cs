using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Options of <see cref="DeletionInsertion"/>.</summary>
public sealed class DeletionInsertionOptions
{
    /// <summary>The units ranked and removed together (default: each scalar).</summary>
    public FeatureUnit Unit { get; set; } = FeatureUnit.Scalar;

    /// <summary>Side of a square patch in pixels, for <see cref="FeatureUnit.Patch"/> (default 8).</summary>
    [Range(1, 1_000_000)]
    public int PatchSize { get; set; } = 8;

    /// <summary>Image-shaped inputs are [H, W, C] (channels last) rather than [C, H, W] (default).</summary>
    public bool ChannelsLast { get; set; }

    /// <summary>
    /// Steps of each curve: point s removes (or restores) the ⌊s·F/Steps⌋ most important of the F units, s = 0..Steps.
    /// 0 (default) = one step per unit, at most 100.
    /// </summary>
    [Range(0, 100_000)]
    public int Steps { get; set; }

    /// <summary>Rank units by |attribution| rather than by the signed attribution (default: signed, largest first).</summary>
    public bool ByAbsoluteValue { get; set; }

    /// <summary>Record the target's softmax probability over the output row instead of the raw output.</summary>
    public bool ApplySoftmax { get; set; }

    /// <summary>Also compute the curves for a random order of the units, for comparison (default true).</summary>
    public bool RandomOrder { get; set; } = true;

    /// <summary>Seed of the random order; null uses the request's seed (then 0).</summary>
    public int? Seed { get; set; }

    /// <summary>Perturbed inputs per model call; 0 (default) = as many as fit in the memory budget.</summary>
    [Range(0, 1_000_000)]
    public int PerturbationsPerEval { get; set; }
}
