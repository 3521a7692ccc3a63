using Interp.Backends.TorchSharp;
using Interp.Explainers.Hosting;
using TorchSharp;
using Xunit;

namespace Interp.Tests.Backends;

/// <summary>TorchSharp loads in the test host (the build-time libLibTorchSharp fix) and runs a backward pass.</summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void BackwardPassMatchesTheClosedFormGradient()
    {
        torch.set_num_threads(1);
        Assert.True(TorchRuntime.SelfTest() < 1e-6);
    }

    [Fact]
    public void CudaProbeAnswersWithoutThrowing()
    {
        var probe = new TorchCudaProbe();
        bool available = probe.IsCudaAvailable(0, out var reason);
        Assert.Equal(torch.cuda.is_available(), available);
        if (!available) Assert.False(string.IsNullOrEmpty(reason));
        Assert.Equal(available ? new ComputeDevice("cuda", 0) : ComputeDevice.Cpu,
            available ? TorchRuntimeDevice(new ComputeDevice("cuda", 0)) : TorchRuntimeDevice(ComputeDevice.Cpu));
    }

    private static ComputeDevice TorchRuntimeDevice(ComputeDevice d) =>
        TorchRuntime.ToTorch(d).type == DeviceType.CUDA ? new ComputeDevice("cuda", TorchRuntime.ToTorch(d).index) : ComputeDevice.Cpu;
}
