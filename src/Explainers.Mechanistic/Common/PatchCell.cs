namespace Interp.Explainers.Mechanistic.Common;

/// <summary>One cell of a patching grid: a row (hook point), a head (−1: none) and a position (−1: all).</summary>
/// <param name="Row">Index into the grid's rows.</param>
/// <param name="Head">Head index, or −1.</param>
/// <param name="Position">Position, or −1 for all positions.</param>
internal readonly record struct PatchCell(int Row, int Head, int Position);
