using Interp.Sae.IO;

namespace Interp.Sae;

/// <summary>
/// An inference SAE (SAELens' <c>SAE</c>): encode, decode and the weights under SAELens' names — <c>W_enc</c>
/// [d_in, d_sae], <c>W_dec</c> [d_sae, d_in], <c>b_enc</c> [d_sae], <c>b_dec</c> [d_in], and the architecture's own
/// (<c>threshold</c> of jumprelu; <c>b_gate</c>, <c>r_mag</c>, <c>b_mag</c> of gated). Tensors are float32 on the CPU;
/// inputs are <c>[..., d_in]</c>. Training lives in <see cref="Training.TrainingSparseAutoencoder"/>.
/// </summary>
public abstract class SparseAutoencoder : IDisposable
{
    private readonly Dictionary<string, Tensor> _parameters;
    private bool _disposed;

    /// <summary>Wraps the parameters (owned from now on: disposed with the SAE).</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">Parameters by SAELens name; must contain W_enc, W_dec, b_enc, b_dec with matching shapes.</param>
    protected SparseAutoencoder(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameters);
        config.ValidateSizes();
        Config = config;
        _parameters = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Expect("W_enc", config.DIn, config.DSae);
        Expect("W_dec", config.DSae, config.DIn);
        Expect("b_dec", config.DIn);
        if (_parameters.ContainsKey("b_enc")) Expect("b_enc", config.DSae);
    }

    /// <summary>The config.</summary>
    public SaeConfig Config { get; }

    /// <summary>Every parameter by SAELens name.</summary>
    public IReadOnlyDictionary<string, Tensor> Parameters => _parameters;

    /// <summary>Encoder weights <c>W_enc</c> [d_in, d_sae].</summary>
    public Tensor WEnc => _parameters["W_enc"];

    /// <summary>Decoder weights <c>W_dec</c> [d_sae, d_in]: row i is feature i's direction.</summary>
    public Tensor WDec => _parameters["W_dec"];

    /// <summary>Encoder bias <c>b_enc</c> [d_sae]; null for gated, whose biases are <c>b_gate</c> and <c>b_mag</c>.</summary>
    public Tensor? BEnc => _parameters.GetValueOrDefault("b_enc");

    /// <summary>Decoder bias <c>b_dec</c> [d_in].</summary>
    public Tensor BDec => _parameters["b_dec"];

    /// <summary>Per-feature thresholds (<c>threshold</c> [d_sae]) of jumprelu, else null.</summary>
    public Tensor? Threshold => _parameters.GetValueOrDefault("threshold");

    /// <summary>Feature activations <c>[..., d_sae]</c> of inputs <c>[..., d_in]</c>.</summary>
    /// <param name="x">Activations of the hook point.</param>
    public abstract Tensor Encode(Tensor x);

    /// <summary>The reconstruction <c>[..., d_in]</c> from feature activations <c>[..., d_sae]</c>: <c>f·W_dec + b_dec</c>.</summary>
    /// <param name="features">Feature activations.</param>
    public virtual Tensor Decode(Tensor features) => features.matmul(WDec) + BDec;

    /// <summary>decode(encode(x)).</summary>
    /// <param name="x">Activations <c>[..., d_in]</c>.</param>
    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Decode(Encode(x)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The encoder pre-activation <c>(x − b_dec)·W_enc + b_enc</c> (b_dec only with <c>apply_b_dec_to_input</c>); gated
    /// returns its gate pre-activation.
    /// </summary>
    /// <param name="x">Activations <c>[..., d_in]</c>.</param>
    public virtual Tensor HiddenPre(Tensor x)
    {
        var pre = SaeInput(x).matmul(WEnc);
        return BEnc is { } b ? pre + b : pre;
    }

    /// <summary>The encoder input: x, minus b_dec when <see cref="SaeConfig.ApplyBDecToInput"/>.</summary>
    /// <param name="x">Activations.</param>
    protected Tensor SaeInput(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.shape[^1] != Config.DIn) throw new ArgumentException($"SAE input has last dimension {x.shape[^1]}, d_in is {Config.DIn}.", nameof(x));
        return Config.ApplyBDecToInput ? x - BDec : x;
    }

    /// <summary>Saves the weights as safetensors (SAELens' names) with the config JSON in the metadata (<c>cfg</c>).</summary>
    /// <param name="path">Target file (written atomically).</param>
    public void Save(string path)
    {
        var arrays = _parameters.ToDictionary(p => p.Key, p => NamedArray.Of(p.Value.detach().contiguous().data<float>().ToArray(), p.Value.shape), StringComparer.Ordinal);
        SafeTensorsFile.Write(path, arrays, new Dictionary<string, string> { ["cfg"] = Config.ToJson(), ["format"] = "interp.sae/1" });
    }

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

    /// <summary>Checks a parameter's presence and shape.</summary>
    /// <param name="name">SAELens name.</param>
    /// <param name="shape">Expected shape.</param>
    /// <exception cref="ArgumentException">Missing or of another shape.</exception>
    protected void Expect(string name, params long[] shape)
    {
        if (!_parameters.TryGetValue(name, out var t)) throw new ArgumentException($"{Config.Architecture} SAE: parameter '{name}' is missing.");
        if (!t.shape.SequenceEqual(shape)) throw new ArgumentException($"{Config.Architecture} SAE: parameter '{name}' has shape [{string.Join(",", t.shape)}], expected [{string.Join(",", shape)}].");
    }
}
