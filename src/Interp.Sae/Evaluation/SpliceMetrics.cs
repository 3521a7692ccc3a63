namespace Interp.Sae.Evaluation;

/// <summary>Downstream metrics with the SAE spliced in at its hook (SAELens' names).</summary>
/// <param name="CeLossWithoutSae">Next-token cross-entropy of the clean model (<c>ce_loss_without_sae</c>).</param>
/// <param name="CeLossWithSae">With the reconstruction spliced in (<c>ce_loss_with_sae</c>).</param>
/// <param name="CeLossWithAblation">With the hook zero-ablated (<c>ce_loss_with_ablation</c>).</param>
/// <param name="CeLossScore">(ablation − sae) / (ablation − clean) (<c>ce_loss_score</c>; 1 = the SAE loses nothing).</param>
/// <param name="KlDivWithSae">Mean KL(clean ‖ spliced) per token (<c>kl_div_with_sae</c>).</param>
/// <param name="KlDivWithAblation">Mean KL(clean ‖ ablated) per token (<c>kl_div_with_ablation</c>).</param>
/// <param name="KlDivScore">(ablation − sae) / ablation (<c>kl_div_score</c>).</param>
public sealed record SpliceMetrics(double CeLossWithoutSae, double CeLossWithSae, double CeLossWithAblation, double CeLossScore, double KlDivWithSae, double KlDivWithAblation, double KlDivScore)
{
    /// <summary>The metrics by SAELens name.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["ce_loss_without_sae"] = CeLossWithoutSae, ["ce_loss_with_sae"] = CeLossWithSae, ["ce_loss_with_ablation"] = CeLossWithAblation,
        ["ce_loss_score"] = CeLossScore, ["kl_div_with_sae"] = KlDivWithSae, ["kl_div_with_ablation"] = KlDivWithAblation, ["kl_div_score"] = KlDivScore,
    };
}
