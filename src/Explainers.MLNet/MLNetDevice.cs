using System.Globalization;
using Interp.Backends.TorchSharp;
using Interp.Explainers.Hosting;
using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>
/// Maps between Interp's device settings (<c>Interp:Device</c> = <c>auto|cpu|cuda:N</c>, <c>Interp:FallbackToCpu</c>)
/// and ML.NET's (<see cref="MLContext.GpuDeviceId"/>, <see cref="MLContext.FallbackToCpu"/>), so an ONNX model applied
/// by ML.NET and its explanation run on the same device.
/// </summary>
public static class MLNetDevice
{
    /// <summary>Sets <paramref name="mlContext"/>'s GPU settings from Interp's: <c>cuda:N</c> → GpuDeviceId N; <c>cpu</c> → none; <c>auto</c> → 0 when TorchSharp sees a CUDA device, else none.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="interpDevice"><c>auto</c>, <c>cpu</c> or <c>cuda:N</c>.</param>
    /// <param name="fallbackToCpu">Interp:FallbackToCpu.</param>
    /// <exception cref="InterpException">The device is not one of the three forms.</exception>
    public static void Apply(MLContext mlContext, string interpDevice, bool fallbackToCpu)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var (kind, index) = Parse(interpDevice);
        mlContext.FallbackToCpu = fallbackToCpu;
        mlContext.GpuDeviceId = kind switch
        {
            "cpu" => null,
            "cuda" => index,
            _ => new TorchCudaProbe().IsCudaAvailable(0, out _) ? 0 : null,
        };
    }

    /// <summary>
    /// The device Interp runs on for <paramref name="mlContext"/>: <paramref name="interpDevice"/> when given, else its
    /// <c>GpuDeviceId</c> (null → the CPU). A CUDA device TorchSharp cannot use falls back to the CPU when
    /// <c>FallbackToCpu</c> is set, else it is an error.
    /// </summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="interpDevice">An explicit <c>auto|cpu|cuda:N</c>, or null.</param>
    /// <exception cref="InterpException">CUDA was asked for, is not usable, and fallback is off.</exception>
    public static ComputeDevice Resolve(MLContext mlContext, string? interpDevice = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var (kind, index) = interpDevice is null
            ? (mlContext.GpuDeviceId is int id ? "cuda" : "cpu", mlContext.GpuDeviceId ?? 0)
            : Parse(interpDevice);
        if (kind == "cpu") return ComputeDevice.Cpu;
        var probe = new TorchCudaProbe();
        if (probe.IsCudaAvailable(index, out var reason)) return new ComputeDevice("cuda", index);
        if (kind == "auto" || mlContext.FallbackToCpu) return ComputeDevice.Cpu;
        throw new InterpException($"The device is cuda:{index.ToString(CultureInfo.InvariantCulture)} (MLContext.GpuDeviceId / Interp:Device) but TorchSharp cannot use it ({reason}); set MLContext.FallbackToCpu = true or use the CPU.") { IsConfigurationError = true };
    }

    private static (string Kind, int Index) Parse(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var d = device.Trim().ToLowerInvariant();
        if (d is "cpu" or "auto") return (d, 0);
        if (d == "cuda") return ("cuda", 0);
        if (d.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(d.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return ("cuda", n);
        throw new InterpException($"Device '{device}' is not auto, cpu or cuda:N.") { IsConfigurationError = true };
    }
}
