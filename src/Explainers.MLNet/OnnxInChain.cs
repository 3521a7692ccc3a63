using System.Buffers.Binary;
using System.IO.Compression;
using Interp.Importers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Transforms.Onnx;
using Onnx;

namespace Interp.Explainers.MLNet;

/// <summary>
/// The ONNX model inside a fitted ML.NET chain. <see cref="OnnxTransformer"/> exposes nothing but <c>Dispose</c>; its
/// model bytes are reached through ML.NET's public <c>mlContext.Model.Save</c>: the saved transformer holds them in an
/// <c>OnnxModel</c> entry (a 4-byte length, then the ONNX file). The bytes are parsed and checked before use.
/// </summary>
internal static class OnnxInChain
{
    public static byte[] Extract(MLContext ml, ITransformer chain, string explainer)
    {
        var steps = ChainModel.Steps(chain);
        var onnx = steps.OfType<OnnxTransformer>().ToList();
        if (onnx.Count == 0)
        {
            throw new InterpException($"{explainer}: the chain holds no ONNX model (mlContext.Transforms.ApplyOnnxModel); its steps: {string.Join(", ", steps.Select(s => s.GetType().Name))}. {explainer} explains ONNX models: give one in the chain, or its file with IntegratedGradientsEstimatorOptions.OnnxModelPath.");
        }

        if (onnx.Count > 1)
        {
            throw new InterpException($"{explainer}: the chain holds {onnx.Count} ONNX models; give the file of the one to explain with IntegratedGradientsEstimatorOptions.OnnxModelPath.");
        }

        using var saved = new MemoryStream();
        ml.Model.Save(onnx[0], null, saved);
        saved.Position = 0;
        using var zip = new ZipArchive(saved, ZipArchiveMode.Read);
        var entry = zip.Entries.FirstOrDefault(e => e.Name == "OnnxModel")
            ?? throw new InterpException($"{explainer}: ML.NET saved the chain's ONNX transformer without an 'OnnxModel' entry (entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}); give the ONNX file with IntegratedGradientsEstimatorOptions.OnnxModelPath.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        if (bytes.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(bytes) != bytes.Length - 4)
        {
            throw new InterpException($"{explainer}: the chain's saved ONNX model is not in the layout this version reads (a length, then the model); give the ONNX file with IntegratedGradientsEstimatorOptions.OnnxModelPath.");
        }

        return bytes[4..];
    }

    /// <summary>The graph inputs that are not initializers.</summary>
    public static IReadOnlyList<string> InputNames(byte[] bytes, string source)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new InterpException($"{source} is not a valid ONNX model (truncated or corrupt?): {ex.Message}", ex);
        }

        if (model.Graph is null || model.Graph.Node.Count == 0) throw new InterpException($"{source} is not a valid ONNX model (no graph or no nodes).");
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Input.Where(v => !initializers.Contains(v.Name)).Select(v => v.Name).ToArray();
    }

    /// <summary>Imports ONNX bytes through a temporary file (the importer reads files).</summary>
    public static ImportedOnnxModel Import(byte[] bytes, Interp.Explainers.Hosting.ComputeDevice device)
    {
        var path = Path.Combine(Path.GetTempPath(), $"interp-mlnet-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        try
        {
            return OnnxImporter.Import(path, device);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
