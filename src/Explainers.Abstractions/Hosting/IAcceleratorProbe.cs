namespace Interp.Explainers.Hosting;

/// <summary>A backend's answer to "is CUDA device N usable?", consulted once when the device is resolved.</summary>
public interface IAcceleratorProbe
{
    /// <summary>The backend's name (e.g. <c>onnxruntime</c>, <c>torchsharp</c>).</summary>
    string Backend { get; }

    /// <summary>Tries CUDA device <paramref name="index"/>; on failure says why in <paramref name="reason"/>.</summary>
    /// <param name="index">CUDA device index.</param>
    /// <param name="reason">Why it is not usable.</param>
    bool IsCudaAvailable(int index, out string reason);
}
