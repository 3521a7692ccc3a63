using Interp.Backends.TorchSharp.Hooks;
using Interp.Backends.TorchSharp.Models;
using Interp.Explainers;
using Interp.Explainers.Attribution.FeatureAblation;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Backends;

/// <summary>The TorchSharp adapter: TorchScript fixtures, user modules with hook points, forward functions.</summary>
public sealed class TorchModelTests
{
    public TorchModelTests() => torch.set_num_threads(1);

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public void TorchScriptForwardAndInputGradientsMatchCaptum(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        using var model = TorchScriptLoader.LoadModel(TestPaths.Reference(caseName, "model.pt"));
        Assert.IsNotAssignableFrom<IHookable>(model); // hooks inside TorchScript never fire: not advertised
        var outputs = model.Predict(c.Request.Inputs);
        var expectedForward = ReferenceCase.Floats(c.Expected.RootElement.GetProperty("forward").GetProperty("outputs"));
        Assertions.Close(expectedForward, outputs, 1e-5, 0, $"{caseName} TorchScript forward");

        var gradients = model.Gradients(c.Request.Inputs, c.Request.Targets!);
        var saliency = ReferenceCase.Floats(c.Method("saliency_signed").GetProperty("attributions"));
        Assertions.Close(saliency, gradients.InputGradients[0], 1e-5, 1e-4, $"{caseName} TorchScript input gradient");
    }

    [Fact]
    public async Task PerturbationExplainersRunOnTorchScriptModels()
    {
        using var c = new ReferenceCase("cnn_tiny");
        using var model = TorchScriptLoader.LoadModel(TestPaths.Reference("cnn_tiny", "model.pt"));
        var request = new AttributionRequest { Model = model, Inputs = c.Request.Inputs, Baselines = c.Request.Baselines, Targets = c.Request.Targets };
        var explanation = await new FeatureAblation(new FeatureAblationOptions()).ExplainAsync(request);
        Assertions.Close(ReferenceCase.Floats(c.Method("feature_ablation").GetProperty("attributions")), explanation.Attributions, 1e-5, 1e-4, "FeatureAblation on TorchScript");
    }

    [Fact]
    public void NonTorchScriptFileIsAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-torchscript-{Guid.NewGuid():N}.pt");
        File.WriteAllBytes(path, [0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]); // a pickle, as torch.save would write
        try
        {
            var ex = Assert.Throws<InterpException>(() => TorchScriptLoader.LoadModel(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains("torch.jit.save", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HooksReadAndReplaceActivationsAndAreRemovedByTheirScope()
    {
        using var model = TinyHooked(out var weights);
        var x = tensor(new float[] { 1, -2, 3, 0.5f }, [2, 2]);
        var plain = model.Forward(x).detach().clone();

        // Zeroing the hidden layer's activation through a glob zeroes the output's dependence on x.
        using (model.AddHook("blocks.*.hook_post", (a, _) => zeros_like(a)))
        {
            var zeroed = model.Forward(x);
            Assert.Equal(0f, zeroed.abs().sum().item<float>(), 6);
        }

        Assert.All(model.HookPoints, h => Assert.Equal(0, h.HookCount));
        Assert.Equal(plain.data<float>().ToArray(), model.Forward(x).data<float>().ToArray());

        // Removal is guaranteed after an exception thrown inside the scope.
        Assert.Throws<InvalidOperationException>(FailInsideAScope);
        Assert.All(model.HookPoints, h => Assert.Equal(0, h.HookCount));
        Assert.Equal(plain.data<float>().ToArray(), model.Forward(x).data<float>().ToArray());
        _ = weights;

        void FailInsideAScope()
        {
            using var scope = model.AddHook("blocks.0.hook_pre", (a, _) => a * 2);
            Assert.Equal(1, model.HookPoints[0].HookCount);
            throw new InvalidOperationException("fails inside the scope");
        }
    }

    [Fact]
    public void UnknownHookNameListsTheClosestNames()
    {
        using var model = TinyHooked(out _);
        var ex = Assert.Throws<InterpException>(() => model.AddHook("blocks.0.hook_psot", (a, _) => a));
        Assert.Contains("blocks.0.hook_psot", ex.Message);
        Assert.Contains("blocks.0.hook_post", ex.Message);
    }

    [Fact]
    public void RunWithCacheKeepsEveryActivationByName()
    {
        using var model = TinyHooked(out var w);
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, -2, 3, 0.5f }, [2, 2]);
        var (output, cache) = model.RunWithCache([x]);
        using (cache)
        {
            Assert.Equal(["blocks.0.hook_pre", "blocks.0.hook_post", "hook_out"], cache.Names);
            var pre = x.matmul(w.t());
            Assert.Equal(pre.data<float>().ToArray(), cache["blocks.0.hook_pre"].data<float>().ToArray());
            Assert.Equal(nn.functional.relu(pre).data<float>().ToArray(), cache["blocks.0.hook_post"].data<float>().ToArray());
            Assert.Equal(output.data<float>().ToArray(), cache["hook_out"].data<float>().ToArray());
            Assert.Throws<KeyNotFoundException>(() => cache["blocks.1.hook_pre"]);
        }

        Assert.All(model.HookPoints, h => Assert.Equal(0, h.HookCount));
    }

    [Fact]
    public void GradientWithRespectToANamedActivationIsTheReadoutWeight()
    {
        // out = sum(relu(x Wᵀ)) ⇒ d out / d post = 1 everywhere; d out / d pre = 1[pre > 0].
        using var model = TinyHooked(out var w);
        var x = new NdArray<float>([1, -2, 3, 0.5f], 2, 2);
        var (activation, gradient, _) = model.LayerGradients([x], [0], "blocks.0.hook_pre");
        for (int i = 0; i < activation.Length; i++) Assert.Equal(activation.Data[i] > 0 ? 1f : 0f, gradient.Data[i]);
        var post = model.LayerGradients([x], [0], "blocks.0.hook_post");
        Assert.All(post.Gradient.Data, g => Assert.Equal(1f, g));
        _ = w;
    }

    [Fact]
    public void AnyForwardFunctionIsExplainable()
    {
        // f(x) = cosine similarity of an embedding with a fixed direction, like Captum's forward_func.
        var w = tensor(new float[] { 0.5f, -1, 2, 0.25f, 1.5f, -0.75f }, [3, 2]);
        var direction = tensor(new float[] { 1, 2, -1 }, [1, 3]);
        using var model = new TorchModel(
            xs => nn.functional.cosine_similarity(xs[0].matmul(w.t()), direction, dim: 1).unsqueeze(1),
            [new TensorSpec("x", typeof(float), [-1, 2])], new TensorSpec("similarity", typeof(float), [-1, 1]), new ModelSource(null, null, "function"));
        var x = new NdArray<float>([0.3f, -0.7f, 1.1f, 0.2f], 2, 2);
        var analytic = model.Gradients([x], [0]).InputGradients[0];
        const float h = 1e-3f;
        for (int i = 0; i < x.Length; i++)
        {
            var plus = x.Clone();
            plus.Data[i] += h;
            var minus = x.Clone();
            minus.Data[i] -= h;
            int row = i / 2;
            double numeric = (model.Predict([plus]).Data[row] - model.Predict([minus]).Data[row]) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic.Data[i]) < 2e-3, $"element {i}: numeric {numeric}, analytic {analytic.Data[i]}");
        }
    }

    [Fact]
    public void ConcurrentCallsOnOneHookedModelAreSerializedAndGiveTheSameBits()
    {
        // Hooks live on the model: without serialization one thread's layer hook fires in another's forward pass.
        using var model = ReferenceCase.LoadGradientModel("mlp_tabular", "onnx");
        using var c = new ReferenceCase("mlp_tabular");
        var sequential = ((Interp.Explainers.Models.ILayerDifferentiable)model).LayerGradients(c.Request.Inputs, [2], "/1/Relu_output_0");
        var results = new Interp.Explainers.Models.LayerGradientResult[16];
        Parallel.For(0, results.Length, i => results[i] = ((Interp.Explainers.Models.ILayerDifferentiable)model).LayerGradients(c.Request.Inputs, [2], "/1/Relu_output_0"));
        Assert.All(results, r =>
        {
            Assert.Equal(sequential.Activation.Data, r.Activation.Data);
            Assert.Equal(sequential.Gradient.Data, r.Gradient.Data);
        });
    }

    [Fact]
    public async Task MeasuredFootprintDrivesTheBatchSize()
    {
        // mlp_tabular: input 8, then Gemm [16], Relu [16], Gemm [3] at hook points (each counted twice: activation
        // and gradient), then the output [3]: (8 + 2·(16 + 16 + 3) + 3) floats.
        using var model = (Interp.Importers.Onnx.ImportedOnnxModel)ReferenceCase.LoadGradientModel("mlp_tabular", "onnx");
        using var c = new ReferenceCase("mlp_tabular");
        var oneRow = new[] { (INdArray)((NdArray<float>)c.Request.Inputs[0]).RowArray(0).Reshape(1, 8) };
        Assert.Equal((8 + (2 * (16 + 16 + 3)) + 3) * 4, model.BytesPerRow(oneRow));

        // A budget of three rows' footprint: 3 examples × 10 steps = 30 gradient rows in 10 calls (+ f(x), f(baseline)).
        var planner = new Interp.Explainers.Hosting.BatchPlanner(3 * model.BytesPerRow(oneRow));
        var explanation = await new Interp.Explainers.Attribution.IntegratedGradients.IntegratedGradients(
            new Interp.Explainers.Attribution.IntegratedGradients.IntegratedGradientsOptions { Steps = 10 }, planner).ExplainAsync(c.RequestFor(model));
        Assert.Equal(12, explanation.ModelCalls!.Calls);
    }

    /// <summary>x → pre = x Wᵀ → post = relu(pre) → out = sum(post) (one output per row), with hook points.</summary>
    private static HookedTorchModel TinyHooked(out Tensor w)
    {
        var weights = tensor(new float[] { 1, 0.5f, -1, 2, 0.25f, -0.5f }, [3, 2]);
        w = weights;
        var pre = new HookPoint("blocks.0.hook_pre");
        var post = new HookPoint("blocks.0.hook_post");
        var output = new HookPoint("hook_out");
        return new HookedTorchModel(
            xs => output.call(post.call(nn.functional.relu(pre.call(xs[0].matmul(weights.t())))).sum(1, keepdim: true)),
            [pre, post, output],
            [new TensorSpec("x", typeof(float), [-1, 2])], new TensorSpec("out", typeof(float), [-1, 1]), new ModelSource(null, null, "test"));
    }
}
