using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Mechanistic.ActivationPatching;

/// <summary>Options of <see cref="ActivationPatching"/>.</summary>
public sealed class ActivationPatchingOptions : PatchingOptions
{
    /// <summary>Grid cells evaluated per batched forward pass.</summary>
    [Range(1, 65536)]
    public int CellsPerBatch { get; set; } = 32;
}
