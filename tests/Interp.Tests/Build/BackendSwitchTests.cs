using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Interp.Tests.Build;

/// <summary>-p:InterpBackend=cuda swaps the native packages with no code change (checked by evaluation: the CUDA packages cannot be restored here).</summary>
public sealed class BackendSwitchTests
{
    [Theory]
    [InlineData("cpu", "Microsoft.ML.OnnxRuntime", "libtorch-cpu-linux-x64")]
    [InlineData("cuda", "Microsoft.ML.OnnxRuntime.Gpu.Linux", "libtorch-cuda-12.8-linux-x64")]
    public void InterpBackendSelectsTheNativePackages(string backend, string onnxRuntime, string libtorch)
    {
        var ort = PackageReferences("src/Interp.Backends.Onnx/Interp.Backends.Onnx.csproj", backend);
        Assert.Contains(onnxRuntime, ort);
        Assert.Single(ort, p => p.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
        var torch = PackageReferences("src/Interp.Backends.TorchSharp/Interp.Backends.TorchSharp.csproj", backend);
        Assert.Contains(libtorch, torch);
        Assert.Contains("TorchSharp", torch);
        Assert.Single(torch, p => p.StartsWith("libtorch-", StringComparison.Ordinal));
    }

    [Fact]
    public void ReferencingCpuAndGpuOnnxRuntimeTogetherIsABuildError()
    {
        var dir = Directory.CreateTempSubdirectory("interp-ort-both-").FullName;
        try
        {
            var project = Path.Combine(dir, "Both.csproj");
            File.WriteAllText(project, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><InterpBackend>cpu</InterpBackend></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
                    <PackageReference Include="Microsoft.ML.OnnxRuntime.Gpu.Linux" Version="1.31.0" />
                  </ItemGroup>
                  <Import Project="{TestPaths.RepoRoot}/build/Backends.targets" />
                </Project>
                """);
            var (code, output) = Dotnet(dir, "msbuild", project, "-t:InterpCheckBackend", "-nologo");
            Assert.NotEqual(0, code);
            Assert.Contains("references both Microsoft.ML.OnnxRuntime (CPU)", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AnUnknownBackendIsABuildError()
    {
        var (code, output) = Dotnet(TestPaths.RepoRoot, "msbuild", "src/Interp.Backends.Onnx/Interp.Backends.Onnx.csproj", "-t:InterpCheckBackend", "-p:InterpBackend=rocm", "-nologo");
        Assert.NotEqual(0, code);
        Assert.Contains("InterpBackend must be 'cpu' or 'cuda', not 'rocm'", output);
    }

    private static List<string> PackageReferences(string project, string backend)
    {
        var (code, output) = Dotnet(TestPaths.RepoRoot, "msbuild", project, "-getItem:PackageReference", $"-p:InterpBackend={backend}", "-nologo");
        Assert.True(code == 0, output);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray().Select(e => e.GetProperty("Identity").GetString()!).ToList();
    }

    private static (int Code, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) p.Kill(true);
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
