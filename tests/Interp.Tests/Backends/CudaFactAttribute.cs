using TorchSharp;
using Xunit;

namespace Interp.Tests.Backends;

/// <summary>A fact that needs a CUDA device: skipped, saying so, where libtorch has none (every machine of this project's CI).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
        {
            Skip = "needs a CUDA device and the CUDA build of TorchSharp (-p:InterpBackend=cuda); this machine has neither";
        }
    }
}
