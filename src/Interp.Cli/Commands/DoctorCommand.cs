using System.CommandLine;
using Interp.Backends.TorchSharp;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary><c>interp doctor</c>: checks that the native backends load here (TorchSharp forward + backward, ONNX Runtime) and shows the resolved device.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check the native backends (TorchSharp backward pass, ONNX Runtime) and the resolved device.");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            var device = host.Services.GetRequiredService<ComputeDevice>();
            await Console.Out.WriteLineAsync($"device: {device}").ConfigureAwait(false);
            var error = TorchRuntime.SelfTest();
            await Console.Out.WriteLineAsync($"torchsharp: libtorch {TorchRuntime.Version}, backward pass max error {error:G3}").ConfigureAwait(false);
            var ort = string.Join(",", Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders());
            await Console.Out.WriteLineAsync($"onnxruntime: providers {ort}").ConfigureAwait(false);
            return error < 1e-5 ? CliApp.Success : CliApp.RuntimeFailure;
        }));
        return command;
    }
}
