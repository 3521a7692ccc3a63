using System.Numerics;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Interp.Backends.Onnx;

/// <summary>Turns the caller's arrays into ONNX Runtime inputs of the model's element types.</summary>
internal sealed class OnnxInputBinder
{
    private readonly IReadOnlyDictionary<string, NodeMetadata> _metadata;

    public OnnxInputBinder(IReadOnlyDictionary<string, NodeMetadata> metadata) => _metadata = metadata;

    public BoundInputs Bind(IReadOnlyList<INdArray> inputs, IReadOnlyList<TensorSpec> specs)
    {
        var values = new List<NamedOnnxValue>(inputs.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            var spec = specs[i];
            var meta = _metadata[spec.Name];
            var shape = inputs[i].Shape.ToArray();
            values.Add(meta.ElementDataType switch
            {
                TensorElementType.Float => NamedOnnxValue.CreateFromTensor(spec.Name, new DenseTensor<float>(AsFloat(inputs[i], spec), shape)),
                TensorElementType.Float16 => NamedOnnxValue.CreateFromTensor(spec.Name, new DenseTensor<Float16>(AsFloat(inputs[i], spec).Select(f => (Float16)f).ToArray(), shape)),
                TensorElementType.Double => NamedOnnxValue.CreateFromTensor(spec.Name, new DenseTensor<double>(AsFloat(inputs[i], spec).Select(f => (double)f).ToArray(), shape)),
                TensorElementType.Int64 => NamedOnnxValue.CreateFromTensor(spec.Name, new DenseTensor<long>(AsInteger<long>(inputs[i], spec), shape)),
                TensorElementType.Int32 => NamedOnnxValue.CreateFromTensor(spec.Name, new DenseTensor<int>(AsInteger<int>(inputs[i], spec), shape)),
                var t => throw new InterpException($"Model input '{spec.Name}' has unsupported element type {t}."),
            });
        }

        return new BoundInputs(values);
    }

    /// <summary>Row <paramref name="row"/> of a batch as a batch of one.</summary>
    public static INdArray Slice(INdArray input, int row) => input switch
    {
        NdArray<float> f => SliceOf(f, row),
        NdArray<long> l => SliceOf(l, row),
        NdArray<int> i => SliceOf(i, row),
        _ => throw new NotSupportedException($"Element type {input.ElementType.Name} is not supported."),
    };

    private static NdArray<T> SliceOf<T>(NdArray<T> a, int row) where T : unmanaged, INumber<T> =>
        new(a.Row(row).ToArray(), [1, .. a.RowShape]);

    private static float[] AsFloat(INdArray input, TensorSpec spec) => input switch
    {
        NdArray<float> f => f.Data,
        _ => throw new InterpException($"Model input '{spec.Name}' takes floats, got {input.ElementType.Name} values."),
    };

    private static T[] AsInteger<T>(INdArray input, TensorSpec spec) where T : unmanaged, IBinaryInteger<T> => input switch
    {
        NdArray<T> same => same.Data,
        NdArray<long> l => l.Data.Select(T.CreateChecked).ToArray(),
        NdArray<int> i => i.Data.Select(T.CreateChecked).ToArray(),
        _ => throw new InterpException($"Model input '{spec.Name}' takes integers, got {input.ElementType.Name} values."),
    };

    /// <summary>Bound inputs (disposable for symmetry with OrtValue-based binding).</summary>
    public sealed class BoundInputs(List<NamedOnnxValue> values) : IDisposable
    {
        public List<NamedOnnxValue> Values { get; } = values;

        public void Dispose()
        {
        }
    }
}
