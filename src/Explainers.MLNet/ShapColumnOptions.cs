using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.MLNet;

/// <summary>
/// The columns a SHAP transformer appends: <see cref="OutputColumnName"/> (a Single vector, one slot per player, with slot
/// names; for multiclass models classes × players, class-major, slots named <c>class:player</c>) and
/// <see cref="BaseValueColumnName"/> (a Single; for multiclass models a vector with one slot per class).
/// </summary>
public abstract class ShapColumnOptions : ExplanationColumnOptions
{
    /// <summary>The SHAP values column (default <c>Shap</c>).</summary>
    [Required]
    public string OutputColumnName { get; set; } = "Shap";

    /// <summary>The base value column (default <c>ShapBase</c>): values plus base add up to the explained output.</summary>
    [Required]
    public string BaseValueColumnName { get; set; } = "ShapBase";

    /// <summary>
    /// One value per source column instead of per slot (e.g. <c>workclass</c> for all its one-hot slots). TreeShap and
    /// LinearShap sum the slots' values (efficiency is kept); KernelShap makes each source column one player.
    /// </summary>
    public bool GroupBySourceColumn { get; set; }
}
