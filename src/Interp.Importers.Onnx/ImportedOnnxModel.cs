using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx;

/// <summary>
/// An ONNX model imported into TorchSharp: differentiable (<see cref="IDifferentiable"/>) and hookable
/// (<see cref="IHookable"/>, a hook point named by every node output's ONNX value name).
/// </summary>
public sealed class ImportedOnnxModel : HookedTorchModel
{
    internal ImportedOnnxModel(OnnxGraph graph, string outputName, ModelSource source, ComputeDevice device)
        : base(
            xs => graph.Run(xs)[outputName],
            graph.HookPoints,
            graph.Inputs,
            graph.Outputs.Single(o => o.Name == outputName),
            source,
            device,
            graph)
    {
        Graph = graph;
    }

    /// <summary>The imported graph (inputs, outputs, hook points, folding statistics).</summary>
    public OnnxGraph Graph { get; }

    /// <summary>Evaluates every graph output (no gradients).</summary>
    /// <param name="inputs">Inputs on <see cref="TorchModel.TorchDevice"/>.</param>
    public IReadOnlyDictionary<string, Tensor> RunAllOutputs(params Tensor[] inputs)
    {
        using var noGrad = no_grad();
        return Graph.Run(inputs);
    }
}
