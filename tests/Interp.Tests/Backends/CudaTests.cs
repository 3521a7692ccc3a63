using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Hosting;
using Xunit;

namespace Interp.Tests.Backends;

/// <summary>GPU runs: the same model on cuda:0 gives the CPU's numbers. Skipped where there is no CUDA.</summary>
public sealed class CudaTests
{
    [CudaFact]
    public void TorchScriptModelOnCudaMatchesTheCpu()
    {
        using var c = new ReferenceCase("cnn_tiny");
        using var cpu = TorchScriptLoader.LoadModel(TestPaths.Reference("cnn_tiny", "model.pt"));
        using var gpu = TorchScriptLoader.LoadModel(TestPaths.Reference("cnn_tiny", "model.pt"), new ComputeDevice("cuda", 0));
        Assertions.Close(cpu.Predict(c.Request.Inputs), gpu.Predict(c.Request.Inputs), 1e-5, 1e-4, "cuda vs cpu forward");
        Assertions.Close(cpu.Gradients(c.Request.Inputs, c.Request.Targets!).InputGradients[0], gpu.Gradients(c.Request.Inputs, c.Request.Targets!).InputGradients[0], 1e-5, 1e-4, "cuda vs cpu gradient");
    }
}
