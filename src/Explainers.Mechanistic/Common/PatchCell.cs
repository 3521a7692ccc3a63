using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>One cell of a patching grid: a row (hook point), a head (−1: none) and a position (−1: all).</summary>
/// <param name="Row">Index into the grid's rows.</param>
/// <param name="Head">Head index, or −1.</param>
/// <param name="Position">Position, or −1 for all positions.</param>
internal readonly record struct PatchCell(int Row, int Head, int Position)
{
    /// <summary>The part of one batch element's activation ([pos, ...] or [pos, head, ...]) this cell covers, as a view.</summary>
    public Tensor Of(Tensor element)
    {
        var x = Head >= 0 ? element.select(1, Head) : element;
        return Position >= 0 ? x[Position] : x;
    }
}
