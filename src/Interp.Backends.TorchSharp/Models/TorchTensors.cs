using Interp.Explainers;
using Interp.Explainers.Tensors;
using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Models;

/// <summary>Conversions between the contracts' arrays and TorchSharp tensors.</summary>
public static class TorchTensors
{
    /// <summary>Copies an array into a tensor on <paramref name="device"/> (float → float32, integers → int64).</summary>
    /// <param name="array">The array.</param>
    /// <param name="device">The device.</param>
    public static Tensor ToTensor(INdArray array, Device device)
    {
        ArgumentNullException.ThrowIfNull(array);
        var shape = array.Shape.Select(d => (long)d).ToArray();
        Tensor t = array switch
        {
            NdArray<float> f => Copy(f.Data, shape),
            NdArray<long> l => tensor(l.Data, shape),
            NdArray<int> i => tensor(i.Data.Select(v => (long)v).ToArray(), shape),
            NdArray<double> d => tensor(d.Data.Select(v => (float)v).ToArray(), shape),
            _ => throw new InterpException($"Element type {array.ElementType.Name} is not supported by the TorchSharp backend."),
        };
        return device.type == global::TorchSharp.DeviceType.CPU ? t : t.to(device);
    }

    /// <summary>
    /// A new float32 tensor holding a copy of <paramref name="data"/>: a view of the pinned array, cloned into native
    /// memory (<c>torch.tensor(float[])</c> would first copy the array on the managed heap, a large-object allocation
    /// per batch of perturbations).
    /// </summary>
    private static Tensor Copy(float[] data, long[] shape)
    {
        using var view = from_array(data);
        return view.reshape(shape).clone();
    }

    /// <summary>Copies a tensor (any float type, any device) into a float array of the same shape.</summary>
    /// <param name="t">The tensor.</param>
    public static NdArray<float> ToFloat(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        using var cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
        return new NdArray<float>(cpu.data<float>().ToArray(), cpu.shape.Select(d => (int)d).ToArray());
    }
}
