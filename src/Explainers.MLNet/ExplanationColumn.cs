namespace Interp.Explainers.MLNet;

/// <summary>A float column appended by an explainer: a scalar (<paramref name="Width"/> 0) or a vector of <paramref name="Width"/> slots.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Width">Slots; 0 for a scalar column.</param>
/// <param name="SlotNames">Slot names (vectors only), or null.</param>
internal sealed record ExplanationColumn(string Name, int Width, IReadOnlyList<string>? SlotNames = null)
{
    /// <summary>Floats per row.</summary>
    public int Length => Math.Max(1, Width);
}
