using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Interp.Backends.Onnx;

/// <summary>Conversions between ONNX Runtime metadata/values and the contracts' types.</summary>
internal static class OnnxTypes
{
    /// <summary>The caller-facing spec of an ONNX input or output (float16 and double are presented as float).</summary>
    public static TensorSpec Spec(string name, NodeMetadata meta) =>
        new(name, CallerType(meta.ElementDataType), meta.Dimensions.ToArray());

    public static Type CallerType(TensorElementType t) => t switch
    {
        TensorElementType.Float or TensorElementType.Float16 or TensorElementType.Double or TensorElementType.BFloat16 => typeof(float),
        TensorElementType.Int64 => typeof(long),
        TensorElementType.Int32 => typeof(int),
        _ => throw new InterpException($"ONNX element type {t} is not supported as a model input or output."),
    };

    /// <summary>Converts an output value to float.</summary>
    public static NdArray<float> ToFloat(DisposableNamedOnnxValue value)
    {
        switch (value.Value)
        {
            case DenseTensor<float> f:
                return new NdArray<float>(f.Buffer.ToArray(), f.Dimensions.ToArray());
            case DenseTensor<Float16> h:
            {
                var src = h.Buffer.Span;
                var data = new float[src.Length];
                for (int i = 0; i < data.Length; i++) data[i] = (float)src[i];
                return new NdArray<float>(data, h.Dimensions.ToArray());
            }

            case DenseTensor<double> d:
                return new NdArray<float>(d.Buffer.ToArray().Select(x => (float)x).ToArray(), d.Dimensions.ToArray());
            case Tensor<float> t:
                return new NdArray<float>(t.ToArray(), t.Dimensions.ToArray());
            default:
                throw new InterpException($"Model output '{value.Name}' is not a float tensor ({value.Value?.GetType().Name}).");
        }
    }
}
