using Interp.Explainers;
using Interp.Explainers.Tensors;

namespace Interp.Trees;

/// <summary>Model inputs ([batch, features] arrays of any numeric element type) as row-major doubles.</summary>
internal static class TreeInputs
{
    public static double[] ToRows(IReadOnlyList<INdArray> inputs, int featureCount, string model)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != 1) throw new InterpException($"Model '{model}' takes one input (features [batch, {featureCount}]), got {inputs.Count}.");
        var x = inputs[0];
        if (x.Shape.Count != 2 || x.Shape[1] != featureCount)
        {
            throw new InterpException($"Model '{model}' takes features of shape [batch, {featureCount}], got {NdArray<float>.Format(x.Shape)}.");
        }

        return x switch
        {
            NdArray<float> f => Array.ConvertAll(f.Data, v => (double)v),
            NdArray<double> d => (double[])d.Data.Clone(),
            NdArray<long> l => Array.ConvertAll(l.Data, v => (double)v),
            NdArray<int> i => Array.ConvertAll(i.Data, v => (double)v),
            _ => throw new InterpException($"Model '{model}' takes float or integer features, got {x.ElementType.Name}."),
        };
    }
}
