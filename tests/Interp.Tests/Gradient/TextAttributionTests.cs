using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Attribution.LayerIntegratedGradients;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Interp.Tests.Importer;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Gradient;

/// <summary>Layer Integrated Gradients over MiniLM's token embeddings for a forward function: the cosine similarity of two sentences.</summary>
public sealed class TextAttributionTests
{
    [Fact]
    public async Task CosineSimilarityOfTwoSentencesIsCompleteToOnePercent()
    {
        var first = MiniLm.Encode("A man is playing a guitar on stage.");
        var second = MiniLm.Encode("Someone performs music with a guitar.");
        using var encoder = OnnxImporter.Import(MiniLm.ModelPath);
        string embeddings = encoder.Graph.Nodes.Single(n => n.OpType == "Gather" && n.Inputs[0] == "embeddings.word_embeddings.weight").Outputs[0];

        // The second sentence's mean-pooled embedding is fixed; f(ids) = cos(pool(encoder(ids)), that embedding).
        Tensor reference;
        using (no_grad())
        {
            reference = Pool(encoder.Forward(second.Select(a => TorchTensors.ToTensor(a, CPU)).ToArray()), TorchTensors.ToTensor(second[1], CPU)).detach().clone();
        }

        using var similarity = new HookedTorchModel(
            xs => nn.functional.cosine_similarity(Pool(encoder.Forward(xs), xs[1]), reference, dim: 1).unsqueeze(1),
            encoder.Graph.HookPoints, encoder.Inputs, new TensorSpec("cosine", typeof(float), [-1, 1]), new ModelSource(MiniLm.ModelPath, null, "function"));

        // Baseline: every word replaced by [PAD] (id 0), [CLS] and [SEP] kept.
        var ids = first[0].Data;
        var baselineIds = ids.Select((id, t) => t == 0 || t == ids.Length - 1 ? id : 0L).ToArray();
        var request = new AttributionRequest { Model = similarity, Inputs = first, InputIndex = 0 };
        var lig = new LayerIntegratedGradients(new LayerPathOptions { Layer = embeddings, Steps = 50 });
        var explanation = await lig.ExplainAsync(WithBaselineIds(request, baselineIds));

        // f computed by separate forward passes, not by the explainer.
        double fx = similarity.Predict(first).Data[0];
        double fb = similarity.Predict([new NdArray<long>(baselineIds, 1, ids.Length), first[1], first[2]]).Data[0];
        double sum = explanation.Attributions.Data.Sum(v => (double)v);
        Assert.True(Math.Abs(sum - (fx - fb)) <= 1e-2 * Math.Abs(fx - fb), $"Σ attributions {sum} vs f(x) − f(b) = {fx - fb}");
        Assert.True(Math.Abs(explanation.ConvergenceDelta![0]) <= 1e-2 * Math.Abs(fx - fb));
        Assert.Equal([1, ids.Length, 384], explanation.Attributions.ShapeArray);
        Assert.True(fx > fb, $"the two guitar sentences are more similar ({fx}) than the padded one ({fb})");
    }

    private static Tensor Pool(Tensor hidden, Tensor mask)
    {
        var m = mask.to_type(ScalarType.Float32).unsqueeze(-1);
        return (hidden * m).sum(1) / m.sum(1).clamp_min(1e-9);
    }

    /// <summary>Token ids are the attributed input here: the "baseline input" is a sequence of ids, given as floats per the request contract.</summary>
    private static AttributionRequest WithBaselineIds(AttributionRequest request, long[] baselineIds) => new()
    {
        Model = request.Model,
        Inputs = request.Inputs,
        InputIndex = request.InputIndex,
        Baselines = new NdArray<float>(baselineIds.Select(v => (float)v).ToArray(), 1, baselineIds.Length),
    };
}
