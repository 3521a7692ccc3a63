using Interp.Explainers.Hosting;
using TorchSharp;

namespace Interp.Backends.TorchSharp;

/// <summary>Asks libtorch whether CUDA device N exists (false, without throwing, on the CPU packages).</summary>
public sealed class TorchCudaProbe : IAcceleratorProbe
{
    /// <inheritdoc />
    public string Backend => "torchsharp";

    /// <inheritdoc />
    public bool IsCudaAvailable(int index, out string reason)
    {
        try
        {
            if (!torch.cuda.is_available())
            {
                reason = "torch.cuda.is_available() is false (CPU build of libtorch, or no GPU)";
                return false;
            }

            if (index >= torch.cuda.device_count())
            {
                reason = $"only {torch.cuda.device_count()} CUDA device(s)";
                return false;
            }

            reason = "";
            return true;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            reason = "TorchSharp could not load: " + ex.Message;
            return false;
        }
    }
}
