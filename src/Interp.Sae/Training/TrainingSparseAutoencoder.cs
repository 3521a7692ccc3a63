namespace Interp.Sae.Training;

/// <summary>
/// The training wrapper of an architecture (SAELens' <c>TrainingSAE</c>): trainable parameters (leaf tensors with
/// gradients, by SAELens name), the loss, the decoder-norm constraint and the conversion to an inference
/// <see cref="SparseAutoencoder"/>. The trainer owns the optimizer, schedules and checkpoints.
/// </summary>
public abstract class TrainingSparseAutoencoder : IDisposable
{
    private readonly Dictionary<string, Tensor> _parameters;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="parameters"/> and makes them trainable leaves.</summary>
    /// <param name="config">The SAE config.</param>
    /// <param name="parameters">Initial parameters by name.</param>
    protected TrainingSparseAutoencoder(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameters);
        Config = config;
        _parameters = parameters.ToDictionary(p => p.Key, p => p.Value.detach().contiguous().requires_grad_(true), StringComparer.Ordinal);
    }

    /// <summary>The SAE config.</summary>
    public SaeConfig Config { get; }

    /// <summary>Trainable parameters by name (ordinal order is the optimizer's order).</summary>
    public IReadOnlyDictionary<string, Tensor> Parameters => _parameters;

    /// <summary>Whether decoder rows are kept at unit norm (gradient projected, rows renormalised after each step).</summary>
    public virtual bool UnitNormDecoder => false;

    /// <summary>The loss on a batch <c>[batch, d_in]</c>.</summary>
    /// <param name="x">The batch.</param>
    /// <param name="context">Step, coefficients, dead features.</param>
    public abstract TrainStepOutput Forward(Tensor x, TrainingStepContext context);

    /// <summary>A copy of the current weights as an inference SAE.</summary>
    public abstract SparseAutoencoder ToInference();

    /// <summary>Sets <c>b_dec</c> (from the data's mean or geometric median).</summary>
    /// <param name="value">[d_in].</param>
    public virtual void InitializeDecoderBias(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var noGrad = no_grad();
        _parameters["b_dec"].copy_(value);
    }

    /// <summary>
    /// Called with the gradients before the optimizer step. With <see cref="UnitNormDecoder"/> it removes the part of
    /// each decoder row's gradient parallel to the row (Bricken et al. 2023; Gao et al. 2024).
    /// </summary>
    /// <param name="gradients">Gradients by parameter name (modified in place).</param>
    public virtual void BeforeOptimizerStep(IReadOnlyDictionary<string, Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (!UnitNormDecoder || !gradients.TryGetValue("W_dec", out var g)) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var w = _parameters["W_dec"];
        var parallel = (g * w).sum(1, keepdim: true);
        g.sub_(parallel * w);
    }

    /// <summary>Called after the optimizer step; renormalises decoder rows with <see cref="UnitNormDecoder"/>.</summary>
    public virtual void AfterOptimizerStep()
    {
        if (UnitNormDecoder) NormalizeDecoderRows();
    }

    /// <summary>Sets every decoder row to unit norm.</summary>
    protected void NormalizeDecoderRows()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var w = _parameters["W_dec"];
        w.div_(w.pow(2).sum(1, keepdim: true).sqrt().clamp_min(1e-12));
    }

    /// <summary>SAELens' reconstruction loss: squared error summed over d_in, averaged over the batch (<c>mse_loss</c>).</summary>
    /// <param name="reconstruction">[batch, d_in].</param>
    /// <param name="x">[batch, d_in].</param>
    protected static Tensor MseLoss(Tensor reconstruction, Tensor x) => (reconstruction - x).pow(2).sum(1).mean();

    /// <summary>
    /// The auxiliary top-k loss (Gao et al. 2024; SAELens' <c>auxiliary_reconstruction_loss</c>): the k_aux largest
    /// pre-activations among dead features reconstruct the residual <c>x − x̂</c> through the decoder; scaled by
    /// min(dead / k_aux, 1) and the coefficient. Zero when no feature is dead.
    /// </summary>
    /// <param name="hiddenPre">Encoder pre-activations [batch, d_sae], used only to choose the features (no gradient needed).</param>
    /// <param name="preActivationsAt">Pre-activations at chosen indices [batch, k_aux] → [batch, k_aux], with gradients.</param>
    /// <param name="residual">x − x̂, detached [batch, d_in].</param>
    /// <param name="context">The step context.</param>
    protected Tensor AuxKLoss(Tensor hiddenPre, Func<Tensor, Tensor> preActivationsAt, Tensor residual, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(hiddenPre);
        ArgumentNullException.ThrowIfNull(preActivationsAt);
        ArgumentNullException.ThrowIfNull(residual);
        ArgumentNullException.ThrowIfNull(context);
        long dead = context.DeadFeatures.sum().item<long>();
        if (dead == 0 || context.Options.AuxKCoefficient == 0) return tensor(0f);
        int kAux = context.Options.AuxK > 0 ? context.Options.AuxK : Math.Max(1, Config.DIn / 2);
        int k = (int)Math.Min(kAux, dead);
        Tensor indices;
        using (no_grad())
        {
            indices = hiddenPre.detach().masked_fill(context.DeadFeatures.logical_not(), float.NegativeInfinity).topk(k, dim: 1).indexes;
        }

        var recon = SparseDecode(nn.functional.relu(preActivationsAt(indices)), indices);
        double scale = Math.Min(dead / (double)kAux, 1.0);
        return context.Options.AuxKCoefficient * scale * (recon - residual).pow(2).sum(1).mean();
    }

    /// <summary>Σ_j values[b, j] · W_dec[indices[b, j]] without b_dec: a decode that touches only the chosen rows.</summary>
    /// <param name="values">[batch, k].</param>
    /// <param name="indices">[batch, k] feature indices.</param>
    protected Tensor SparseDecode(Tensor values, Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(indices);
        var rows = _parameters["W_dec"].index_select(0, indices.flatten()).view(indices.shape[0], indices.shape[1], Config.DIn);
        return values.unsqueeze(1).bmm(rows).squeeze(1);
    }

    /// <summary>Copies current values into new tensors (for an inference SAE), optionally renaming or dropping some.</summary>
    /// <param name="exclude">Names to leave out.</param>
    protected Dictionary<string, Tensor> CopyParameters(params string[] exclude) =>
        _parameters.Where(p => !exclude.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.detach().clone(), StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the parameters.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        if (disposing) foreach (var p in _parameters.Values) p.Dispose();
    }
}
