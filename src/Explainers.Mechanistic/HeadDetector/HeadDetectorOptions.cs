using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Mechanistic.HeadDetector;

/// <summary>Options of <see cref="HeadDetector"/>.</summary>
public sealed class HeadDetectorOptions : ExplainerOptions
{
    /// <summary><c>random</c> (default): repeated random token sequences [BOS] r r; <c>prompt</c>: the request's tokens.</summary>
    [RegularExpression("^(random|prompt)$", ErrorMessage = "Source must be random or prompt.")]
    public string Source { get; set; } = "random";

    /// <summary>Length of each random half r.</summary>
    [Range(2, 4096)]
    public int SequenceLength { get; set; } = 24;

    /// <summary>Number of random sequences averaged.</summary>
    [Range(1, 4096)]
    public int Sequences { get; set; } = 8;

    /// <summary>Seed of the random sequences.</summary>
    public int? Seed { get; set; }
}
