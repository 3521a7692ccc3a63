using System.Text.Json;
using Interp.Backends.Onnx;
using Interp.Core.Inputs;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Tests;

/// <summary>One case of shared/reference (Captum's numbers): its ONNX model, inputs.json and expected.json.</summary>
internal sealed class ReferenceCase : IDisposable
{
    public ReferenceCase(string name)
    {
        Name = name;
        Model = OnnxModel.Load(TestPaths.Reference(name, "model.onnx"));
        Expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference(name, "expected.json")));
        Request = InputsFile.Load(TestPaths.Reference(name, "inputs.json"), Model);
    }

    public string Name { get; }

    public OnnxModel Model { get; }

    public JsonDocument Expected { get; }

    /// <summary>inputs, baselines, target, feature_mask, grouped_mask from inputs.json.</summary>
    public AttributionRequest Request { get; }

    /// <summary>The inputs.json request for another model (imported ONNX, TorchScript).</summary>
    public AttributionRequest RequestFor(Interp.Explainers.Models.IModel model, int? seed = null) => new()
    {
        Model = model,
        Inputs = Request.Inputs,
        Baselines = Request.Baselines,
        Targets = Request.Targets,
        FeatureMask = Request.FeatureMask,
        GroupedMask = Request.GroupedMask,
        Seed = seed,
    };

    /// <summary>The case's models that have gradients: the imported ONNX model and the TorchScript model.</summary>
    public static IEnumerable<object[]> GradientModels()
    {
        foreach (var c in new[] { "mlp_tabular", "cnn_tiny" })
        {
            yield return [c, "onnx"];
            yield return [c, "torchscript"];
        }
    }

    public static Interp.Backends.TorchSharp.Models.TorchModel LoadGradientModel(string caseName, string kind) => kind == "onnx"
        ? Interp.Importers.Onnx.OnnxImporter.Import(TestPaths.Reference(caseName, "model.onnx"))
        : Interp.Backends.TorchSharp.Models.TorchScriptLoader.LoadModel(TestPaths.Reference(caseName, "model.pt"));

    public JsonElement Method(string name) => Expected.RootElement.GetProperty("methods").GetProperty(name);

    public static NdArray<float> Floats(JsonElement e) => NestedArray.ReadFloat(e, "expected");

    public void Dispose()
    {
        Model.Dispose();
        Expected.Dispose();
    }
}
