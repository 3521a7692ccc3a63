using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Common;

/// <summary>
/// Accumulates f(x) − f(perturbed) over the scalars each perturbation touched, and divides by how many
/// perturbations touched each scalar (Captum's <c>total_attrib / weights</c>).
/// </summary>
internal sealed class AblationAccumulator
{
    private readonly double[] _sum;
    private readonly int[] _count;
    private readonly int _exampleLength;

    public AblationAccumulator(int examples, int exampleLength)
    {
        _exampleLength = exampleLength;
        _sum = new double[examples * exampleLength];
        _count = new int[examples * exampleLength];
    }

    /// <summary>Adds <paramref name="difference"/> to every scalar in <paramref name="positions"/> of example <paramref name="example"/>.</summary>
    public void Add(int example, ReadOnlySpan<int> positions, float difference)
    {
        int offset = example * _exampleLength;
        foreach (var p in positions)
        {
            _sum[offset + p] += difference;
            _count[offset + p]++;
        }
    }

    /// <summary>The averaged attributions, shaped [examples, ...exampleShape].</summary>
    public NdArray<float> Result(int[] shape)
    {
        var data = new float[_sum.Length];
        for (int i = 0; i < data.Length; i++) data[i] = _count[i] == 0 ? 0f : (float)(_sum[i] / _count[i]);
        return new NdArray<float>(data, shape);
    }
}
