using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>
/// Training wrapper of <c>standard</c>: loss = mse_loss + l1_coefficient · Σ_i f_i ‖W_dec,i‖ (the L1 penalty
/// weighted by decoder row norms, Anthropic's April 2024 update), decoder rows free (no unit-norm constraint).
/// </summary>
public sealed class StandardTrainingSae : TrainingSparseAutoencoder
{
    /// <summary>Wraps initial parameters.</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">W_enc, W_dec, b_enc, b_dec.</param>
    public StandardTrainingSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters) { }

    /// <inheritdoc />
    public override TrainStepOutput Forward(Tensor x, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(context);
        var p = Parameters;
        var input = Config.ApplyBDecToInput ? x - p["b_dec"] : x;
        var hiddenPre = input.matmul(p["W_enc"]) + p["b_enc"];
        var acts = nn.functional.relu(hiddenPre);
        var recon = acts.matmul(p["W_dec"]) + p["b_dec"];
        var mse = MseLoss(recon, x);
        var l1 = (acts * p["W_dec"].pow(2).sum(1).sqrt()).sum(1).mean();
        var loss = mse + context.SparsityCoefficient * l1;
        var active = acts.gt(0);
        return new TrainStepOutput(loss,
            new Dictionary<string, Tensor> { ["mse_loss"] = mse.detach(), ["l1_loss"] = l1.detach() },
            active.any(0), active.sum().item<long>() / (double)x.shape[0]);
    }

    /// <inheritdoc />
    public override SparseAutoencoder ToInference() => new StandardSae(Config, CopyParameters());
}
