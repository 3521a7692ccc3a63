using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>
/// Training wrapper of <c>jumprelu</c>: trainable <c>log_threshold</c>; loss = mse_loss + l0_coefficient · L0, where
/// the Heaviside step gets a straight-through estimator for the threshold: ∂H(z − θ)/∂θ = −(1/ε)·K((z − θ)/ε) and
/// ∂JumpReLU/∂θ = −(θ/ε)·K((z − θ)/ε), K the rectangle kernel, ε the bandwidth; no gradient reaches z through the
/// step. Implemented with detached coefficients (value + (θ·c − detach(θ·c)) is the value exactly, with gradient c).
/// Unit-norm decoder rows.
/// </summary>
public sealed class JumpReluTrainingSae : TrainingSparseAutoencoder
{
    /// <summary>Wraps initial parameters.</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">W_enc, W_dec, b_enc, b_dec, log_threshold.</param>
    /// <param name="bandwidth">ε of the straight-through estimator.</param>
    public JumpReluTrainingSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters, double bandwidth) : base(config, parameters)
    {
        Bandwidth = bandwidth;
    }

    /// <summary>ε, the kernel width (<c>jumprelu_bandwidth</c>).</summary>
    public double Bandwidth { get; }

    /// <inheritdoc />
    public override bool UnitNormDecoder => true;

    /// <inheritdoc />
    public override TrainStepOutput Forward(Tensor x, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(context);
        var p = Parameters;
        var input = Config.ApplyBDecToInput ? x - p["b_dec"] : x;
        var z = input.matmul(p["W_enc"]) + p["b_enc"];
        var theta = p["log_threshold"].exp();
        Tensor step, kernel;
        using (no_grad())
        {
            step = z.gt(theta).to(z.dtype);
            kernel = (z - theta).abs().lt(Bandwidth / 2).to(z.dtype);
        }

        var c1 = (-(theta / Bandwidth) * kernel).detach();
        var acts = z * step + StraightThrough(theta, c1);
        var c2 = (kernel * (-1.0 / Bandwidth)).detach();
        var l0PerRow = (step + StraightThrough(theta, c2)).sum(1);
        var recon = acts.matmul(p["W_dec"]) + p["b_dec"];
        var mse = MseLoss(recon, x);
        var l0 = l0PerRow.mean();
        var active = step.gt(0);
        return new TrainStepOutput(mse + context.SparsityCoefficient * l0,
            new Dictionary<string, Tensor> { ["mse_loss"] = mse.detach(), ["l0_loss"] = l0.detach() },
            active.any(0), active.sum().item<long>() / (double)x.shape[0]);
    }

    /// <summary>0 in value, gradient <paramref name="c"/> (summed over the batch) with respect to θ.</summary>
    private static Tensor StraightThrough(Tensor theta, Tensor c)
    {
        var t = theta * c;
        return t - t.detach();
    }

    /// <inheritdoc />
    public override SparseAutoencoder ToInference()
    {
        var parameters = CopyParameters("log_threshold");
        parameters["threshold"] = Parameters["log_threshold"].detach().exp();
        return new JumpReluSae(Config, parameters);
    }
}
