using System.Security.Cryptography;
using Interp.Backends.TorchSharp;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;

namespace Interp.Importers.Onnx;

/// <summary>
/// Imports ONNX files into TorchSharp (<see cref="ImportedOnnxModel"/>): initializers become tensors (float16
/// promoted to float32), constant subgraphs are folded at load, every other node is evaluated with autograd and
/// hook points. An unsupported operator is reported at load with every missing op type and node name.
/// </summary>
public static class OnnxImporter
{
    /// <summary>Imports an ONNX file.</summary>
    /// <param name="path">The .onnx file (external data files next to it).</param>
    /// <param name="device">Where to run.</param>
    /// <param name="outputName">The output the model adapter returns (default: the first graph output).</param>
    /// <exception cref="InterpException">Missing, truncated or corrupt file, missing external data, unsupported operators.</exception>
    public static ImportedOnnxModel Import(string path, ComputeDevice? device = null, string? outputName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"Model file '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw new InterpException($"Model file '{path}' is empty; expected an ONNX model.");
        var model = OnnxTensorReader.ParseModel(bytes, path);
        var d = device ?? ComputeDevice.Cpu;
        var graph = OnnxGraph.Build(model, path, TorchRuntime.ToTorch(d));
        var output = outputName ?? graph.Outputs[0].Name;
        if (graph.Outputs.All(o => o.Name != output))
        {
            graph.Dispose();
            throw new InterpException($"Model file '{path}' has no output '{output}'; outputs: {string.Join(", ", graph.Outputs.Select(o => o.Name))}.");
        }

        var source = new ModelSource(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), "onnx-torchsharp");
        return new ImportedOnnxModel(graph, output, source, d);
    }
}
