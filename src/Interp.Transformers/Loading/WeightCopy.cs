using Interp.Explainers;
using static TorchSharp.torch;

namespace Interp.Transformers.Loading;

/// <summary>Copies loaded float32 data into a model's parameters, checking sizes.</summary>
internal static class WeightCopy
{
    /// <summary>Copies <paramref name="data"/> (row-major, the parameter's shape) into <paramref name="target"/>.</summary>
    public static void Into(Tensor target, ReadOnlySpan<float> data, string what)
    {
        if (data.Length != target.numel()) throw new InterpException($"{what}: expected {target.numel()} values for shape [{string.Join(",", target.shape)}], got {data.Length}.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var source = tensor(data.ToArray(), target.shape);
        target.copy_(source);
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> (same shape).</summary>
    public static void Into(Tensor target, Tensor source, string what)
    {
        if (!target.shape.SequenceEqual(source.shape)) throw new InterpException($"{what}: expected shape [{string.Join(",", target.shape)}], got [{string.Join(",", source.shape)}].");
        using var noGrad = no_grad();
        target.copy_(source);
    }
}
