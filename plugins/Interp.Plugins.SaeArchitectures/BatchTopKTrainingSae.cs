using Interp.Sae;
using Interp.Sae.Training;

namespace Interp.Plugins.SaeArchitectures;

/// <summary>Training wrapper of <c>batchtopk</c>: loss = mse_loss; unit-norm decoder rows.</summary>
public sealed class BatchTopKTrainingSae : TrainingSparseAutoencoder
{
    /// <summary>Wraps initial parameters.</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">W_enc, W_dec, b_enc, b_dec.</param>
    public BatchTopKTrainingSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters) { }

    /// <inheritdoc />
    public override bool UnitNormDecoder => true;

    /// <inheritdoc />
    public override TrainStepOutput Forward(Tensor x, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(x);
        var p = Parameters;
        var input = Config.ApplyBDecToInput ? x - p["b_dec"] : x;
        var acts = BatchTopKSae.BatchTopK(nn.functional.relu(input.matmul(p["W_enc"]) + p["b_enc"]), Config.K);
        var recon = acts.matmul(p["W_dec"]) + p["b_dec"];
        var mse = (recon - x).pow(2).sum(1).mean();
        var active = acts.detach().gt(0);
        return new TrainStepOutput(mse, new Dictionary<string, Tensor> { ["mse_loss"] = mse.detach() }, active.any(0), active.sum().item<long>() / (double)x.shape[0]);
    }

    /// <inheritdoc />
    public override SparseAutoencoder ToInference() =>
        new BatchTopKSae(Config, Parameters.ToDictionary(q => q.Key, q => q.Value.detach().clone(), StringComparer.Ordinal));
}
