using System.Globalization;
using Interp.Core.Configuration;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.Logging;

namespace Interp.Core.Devices;

/// <summary>
/// Resolves <c>Interp:Device</c> once: <c>cpu</c>; <c>cuda:N</c> when a backend can use it (else the CPU with a
/// warning if <c>Interp:FallbackToCpu</c>, else an error); <c>auto</c> = <c>cuda:0</c> when usable, else the CPU.
/// </summary>
public static class DeviceResolver
{
    /// <summary>Resolves the device and logs the outcome.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="probes">The backends' CUDA probes.</param>
    /// <param name="logger">Where the outcome is logged.</param>
    /// <exception cref="InterpException">CUDA was asked for, is unusable and fallback is off.</exception>
    public static ComputeDevice Resolve(InterpSettings settings, IEnumerable<IAcceleratorProbe> probes, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(logger);
        var requested = (settings.Device ?? "auto").Trim().ToLowerInvariant();
        if (requested == "cpu")
        {
            logger.LogInformation("Interp device: cpu (Interp:Device=cpu)");
            return ComputeDevice.Cpu;
        }

        int index = 0;
        if (requested.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (requested.Length > 4 && !int.TryParse(requested.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
            {
                throw new InterpException($"Interp:Device '{settings.Device}' is not auto, cpu or cuda:N.") { IsConfigurationError = true };
            }
        }
        else if (requested != "auto")
        {
            throw new InterpException($"Interp:Device '{settings.Device}' is not auto, cpu or cuda:N.") { IsConfigurationError = true };
        }

        var reasons = new List<string>();
        foreach (var probe in probes)
        {
            if (probe.IsCudaAvailable(index, out var reason))
            {
                logger.LogInformation("Interp device: cuda:{Index} (Interp:Device={Requested}, found by {Backend})", index, requested, probe.Backend);
                return new ComputeDevice("cuda", index);
            }

            reasons.Add($"{probe.Backend}: {reason}");
        }

        var why = reasons.Count == 0 ? "no backend with CUDA support is installed" : string.Join("; ", reasons);
        if (requested == "auto")
        {
            logger.LogInformation("Interp device: cpu (Interp:Device=auto; no CUDA device: {Why})", why);
            return ComputeDevice.Cpu;
        }

        if (!settings.FallbackToCpu)
        {
            throw new InterpException($"Interp:Device is {requested} but CUDA is not usable ({why}); set Interp:Device=cpu or Interp:FallbackToCpu=true.") { IsConfigurationError = true };
        }

        logger.LogWarning("Interp device: cpu (Interp:Device={Requested} is not usable: {Why}; Interp:FallbackToCpu=true)", requested, why);
        return ComputeDevice.Cpu;
    }
}
