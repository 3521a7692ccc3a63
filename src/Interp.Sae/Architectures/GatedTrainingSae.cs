using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>
/// Training wrapper of <c>gated</c>: loss = mse_loss + l1_coefficient · Σ_i ReLU(π_gate,i)·‖W_dec,i‖ + the auxiliary
/// reconstruction of x from ReLU(π_gate) through a frozen (detached) decoder, which trains the gate path. Decoder
/// rows are kept at unit norm, as in the gated SAE paper (the norm weighting of the L1 term is then 1).
/// </summary>
public sealed class GatedTrainingSae : TrainingSparseAutoencoder
{
    /// <summary>Wraps initial parameters.</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">W_enc, W_dec, b_dec, b_gate, r_mag, b_mag.</param>
    public GatedTrainingSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters) { }

    /// <inheritdoc />
    public override bool UnitNormDecoder => true;

    /// <inheritdoc />
    public override TrainStepOutput Forward(Tensor x, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(context);
        var p = Parameters;
        var input = Config.ApplyBDecToInput ? x - p["b_dec"] : x;
        var gatePre = input.matmul(p["W_enc"]) + p["b_gate"];
        var gate = gatePre.gt(0).to(gatePre.dtype);
        var magnitude = nn.functional.relu(input.matmul(p["W_enc"] * p["r_mag"].exp()) + p["b_mag"]);
        var acts = gate * magnitude;
        var recon = acts.matmul(p["W_dec"]) + p["b_dec"];
        var mse = MseLoss(recon, x);
        var gateActs = nn.functional.relu(gatePre);
        var l1 = (gateActs * p["W_dec"].pow(2).sum(1).sqrt()).sum(1).mean();
        var viaGate = gateActs.matmul(p["W_dec"].detach()) + p["b_dec"].detach();
        var aux = MseLoss(viaGate, x);
        var active = acts.gt(0);
        return new TrainStepOutput(mse + context.SparsityCoefficient * l1 + aux,
            new Dictionary<string, Tensor> { ["mse_loss"] = mse.detach(), ["l1_loss"] = l1.detach(), ["auxiliary_reconstruction_loss"] = aux.detach() },
            active.any(0), active.sum().item<long>() / (double)x.shape[0]);
    }

    /// <inheritdoc />
    public override SparseAutoencoder ToInference() => new GatedSae(Config, CopyParameters());
}
