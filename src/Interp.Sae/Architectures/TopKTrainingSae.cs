using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>
/// Training wrapper of <c>topk</c>: loss = mse_loss + the auxiliary top-k loss on dead features; unit-norm decoder
/// rows. The k winners are chosen on a gradient-free dense pass, and only their pre-activations and decoder rows are
/// recomputed with gradients (batched gathers), so the backward pass costs O(batch · k · d_in) instead of a dense
/// O(batch · d_sae · d_in) — the same values and gradients as the dense formulation, up to rounding.
/// </summary>
public sealed class TopKTrainingSae : TrainingSparseAutoencoder
{
    /// <summary>Wraps initial parameters.</summary>
    /// <param name="config">The config (k in <see cref="SaeConfig.K"/>).</param>
    /// <param name="parameters">W_enc, W_dec, b_enc, b_dec.</param>
    public TopKTrainingSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters) { }

    /// <inheritdoc />
    public override bool UnitNormDecoder => true;

    /// <inheritdoc />
    public override TrainStepOutput Forward(Tensor x, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(context);
        var p = Parameters;
        var input = Config.ApplyBDecToInput ? x - p["b_dec"] : x;
        Tensor hiddenPreNoGrad, indices;
        using (no_grad())
        {
            hiddenPreNoGrad = input.matmul(p["W_enc"]) + p["b_enc"];
            indices = hiddenPreNoGrad.topk(Config.K, dim: 1).indexes;
        }

        var values = nn.functional.relu(PreActivationsAt(input, indices));
        var recon = SparseDecode(values, indices) + p["b_dec"];
        var mse = MseLoss(recon, x);
        var residual = (x - recon).detach();
        var aux = AuxKLoss(hiddenPreNoGrad, idx => PreActivationsAt(input, idx), residual, context);
        var active = values.detach().gt(0);
        var fired = zeros(Config.DSae, ScalarType.Float32).index_add_(0, indices.flatten(), active.flatten().to(ScalarType.Float32), 1).gt(0);
        return new TrainStepOutput(mse + aux,
            new Dictionary<string, Tensor> { ["mse_loss"] = mse.detach(), ["auxiliary_reconstruction_loss"] = aux.detach() },
            fired, active.sum().item<long>() / (double)x.shape[0]);
    }

    /// <summary>Pre-activations at chosen features, with gradients: input · W_enc[:, j] + b_enc[j].</summary>
    /// <param name="input">[batch, d_in] (x − b_dec).</param>
    /// <param name="indices">[batch, k].</param>
    private Tensor PreActivationsAt(Tensor input, Tensor indices)
    {
        var p = Parameters;
        long batch = indices.shape[0], k = indices.shape[1];
        var flat = indices.flatten();
        var columns = p["W_enc"].t().index_select(0, flat).view(batch, k, Config.DIn);
        return columns.bmm(input.unsqueeze(-1)).squeeze(-1) + p["b_enc"].index_select(0, flat).view(batch, k);
    }

    /// <inheritdoc />
    public override SparseAutoencoder ToInference() => new TopKSae(Config, CopyParameters());
}
