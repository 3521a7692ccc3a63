namespace Interp.Explainers.Mechanistic.ResidualDecomposition;

/// <summary>Options of <see cref="ResidualDecomposition"/>.</summary>
public sealed class ResidualDecompositionOptions : ExplainerOptions
{
    /// <summary>The position decomposed; negative counts from the end (−1: the last token).</summary>
    public int Position { get; set; } = -1;
}
