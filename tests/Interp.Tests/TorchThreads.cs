using System.Runtime.CompilerServices;
using Interp.Backends.TorchSharp;

namespace Interp.Tests;

/// <summary>
/// One libtorch thread for the whole test run, on every thread: libtorch's OpenMP thread count is per calling
/// thread and xunit runs tests on many threads, and a computation reduced with another thread count differs in the
/// last bits (the same-seed tests compare bit for bit). Models apply <see cref="TorchRuntime.Threads"/> per thread.
/// </summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThread() => TorchRuntime.Threads = 1;
}
