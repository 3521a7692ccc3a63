using Interp.Explainers.Hosting;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp;

/// <summary>Process-wide TorchSharp facts and a self-test (a forward and backward pass) used by <c>interp doctor</c> and the tests.</summary>
public static class TorchRuntime
{
    /// <summary>The TorchSharp device for a resolved <see cref="ComputeDevice"/>.</summary>
    /// <param name="device">The resolved device.</param>
    public static Device ToTorch(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.IsCuda ? new Device(DeviceType.CUDA, device.Index) : CPU;
    }

    /// <summary>
    /// Runs y = sum(tanh(W·x)) and its backward pass and checks the gradient against the closed form
    /// dy/dx = Wᵀ(1 − tanh²(W·x)). Returns the largest absolute error.
    /// </summary>
    public static double SelfTest()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 0.5f, -1.0f, 2.0f, 0.25f, 1.5f, -0.75f }, [2, 3]);
        var x = tensor(new float[] { 0.3f, -0.2f, 0.1f }, [3, 1], requires_grad: true);
        var z = w.matmul(x);
        var y = z.tanh().sum();
        y.backward();
        var expected = w.t().matmul(1 - z.tanh().pow(2)).detach();
        return (x.grad! - expected).abs().max().item<float>();
    }

    private static int _threads;

    [ThreadStatic]
    private static int _threadsOnThisThread;

    /// <summary>
    /// Intra-op threads for every model call (0 = libtorch's default). libtorch's OpenMP thread count is a per-thread
    /// setting, so models apply it on whichever thread calls them (<see cref="ApplyThreads"/>): the same computation
    /// then reduces in the same order, and gives the same bits, on every thread.
    /// </summary>
    public static int Threads
    {
        get => Volatile.Read(ref _threads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _threads, value);
        }
    }

    /// <summary>Sets <see cref="Threads"/> on the calling thread if it is not set there yet.</summary>
    public static void ApplyThreads()
    {
        int wanted = Threads;
        if (wanted > 0 && _threadsOnThisThread != wanted)
        {
            set_num_threads(wanted);
            _threadsOnThisThread = wanted;
        }
    }

    /// <summary>The libtorch version string reported by TorchSharp.</summary>
    public static string Version => __version__;
}
