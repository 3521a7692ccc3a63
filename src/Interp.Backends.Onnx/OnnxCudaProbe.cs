using Interp.Explainers.Hosting;
using Microsoft.ML.OnnxRuntime;

namespace Interp.Backends.Onnx;

/// <summary>
/// Asks ONNX Runtime for its CUDA provider. <c>GetAvailableProviders()</c> lists CUDA even without a GPU, so the
/// probe actually tries to append the provider.
/// </summary>
public sealed class OnnxCudaProbe : IAcceleratorProbe
{
    /// <inheritdoc />
    public string Backend => "onnxruntime";

    /// <inheritdoc />
    public bool IsCudaAvailable(int index, out string reason)
    {
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(index);
            reason = "";
            return true;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            reason = ex.Message.Split('\n')[0].Trim();
            return false;
        }
    }
}
