using Interp.Sae.IO;

namespace Interp.Sae.Training;

/// <summary>
/// Adam (Kingma &amp; Ba, PyTorch's update order: bias-corrected first moment over √(v̂) + ε) on named parameters,
/// with state that is saved and restored exactly: the moments m and v per parameter and the step count.
/// </summary>
public sealed class SaeAdam : IDisposable
{
    private readonly Dictionary<string, Tensor> _m = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor> _v = new(StringComparer.Ordinal);
    private readonly double _beta1, _beta2, _epsilon;

    /// <summary>Creates the optimizer with zero moments for each parameter.</summary>
    /// <param name="parameters">Parameters by name.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    public SaeAdam(IReadOnlyDictionary<string, Tensor> parameters, double beta1, double beta2, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        (_beta1, _beta2, _epsilon) = (beta1, beta2, epsilon);
        foreach (var (name, p) in parameters)
        {
            _m[name] = zeros_like(p).detach();
            _v[name] = zeros_like(p).detach();
        }
    }

    /// <summary>Steps taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>One update of every parameter with its gradient.</summary>
    /// <param name="parameters">Parameters by name.</param>
    /// <param name="gradients">Gradients by name.</param>
    /// <param name="learningRate">This step's learning rate.</param>
    public void Step(IReadOnlyDictionary<string, Tensor> parameters, IReadOnlyDictionary<string, Tensor> gradients, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        StepCount++;
        double bc1 = 1 - Math.Pow(_beta1, StepCount);
        double bc2 = 1 - Math.Pow(_beta2, StepCount);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var name in parameters.Keys.Order(StringComparer.Ordinal))
        {
            var g = gradients[name];
            var m = _m[name];
            var v = _v[name];
            m.mul_(_beta1).add_(g, 1 - _beta1);
            v.mul_(_beta2).addcmul_(g, g, 1 - _beta2);
            var denom = (v.sqrt() / Math.Sqrt(bc2)).add_(_epsilon);
            parameters[name].addcdiv_(m, denom, -learningRate / bc1);
        }
    }

    /// <summary>The state as arrays (<c>adam.m.&lt;name&gt;</c>, <c>adam.v.&lt;name&gt;</c>).</summary>
    public Dictionary<string, NamedArray> SaveArrays()
    {
        var arrays = new Dictionary<string, NamedArray>(StringComparer.Ordinal);
        foreach (var (name, m) in _m) arrays["adam.m." + name] = TensorArrays.ToArray(m);
        foreach (var (name, v) in _v) arrays["adam.v." + name] = TensorArrays.ToArray(v);
        return arrays;
    }

    /// <summary>Restores the state saved by <see cref="SaveArrays"/> and the step count.</summary>
    /// <param name="arrays">The checkpoint's arrays.</param>
    /// <param name="stepCount">Steps taken.</param>
    public void Restore(IReadOnlyDictionary<string, NamedArray> arrays, long stepCount)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        foreach (var name in _m.Keys)
        {
            TensorArrays.CopyInto(_m[name], arrays["adam.m." + name]);
            TensorArrays.CopyInto(_v[name], arrays["adam.v." + name]);
        }

        StepCount = stepCount;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _m.Values.Concat(_v.Values)) t.Dispose();
    }
}
