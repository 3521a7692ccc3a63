using Interp.Backends.MLNet;
using Interp.Explainers;
using Interp.Explainers.Attribution.ExactShap;
using Interp.Explainers.Attribution.KernelShap;
using Interp.Explainers.Attribution.LinearShap;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Xunit;

namespace Interp.Tests.Linear;

/// <summary>LinearShap on ML.NET linear models: equal to ExactShap and KernelShap, efficient in margin space.</summary>
public sealed class LinearShapTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EqualsExactShapAndKernelShapAndIsEfficient(bool binary)
    {
        var data = new LinearData(300, seed: 3);
        using var model = data.Model(binary);
        var linear = Assert.IsType<MLNetLinearModel>(model);
        Assert.Equal(4, linear.Weights[0].Length);
        var request = Request(model, data.X, rows: 10);

        var phi = await new LinearShap(new LinearShapOptions()).ExplainAsync(request);
        var exact = await new ExactShap(new ExactShapOptions()).ExplainAsync(request);
        var kernel = await new KernelShap(new KernelShapOptions()).ExplainAsync(request);
        Assert.Equal(exact.Attributions.Shape, phi.Attributions.Shape);
        for (int k = 0; k < phi.Attributions.Data.Length; k++)
        {
            Assert.Equal(exact.Attributions.Data[k], phi.Attributions.Data[k], 1e-3 * Math.Max(1, Math.Abs(exact.Attributions.Data[k])));
            Assert.Equal(kernel.Attributions.Data[k], phi.Attributions.Data[k], 1e-3 * Math.Max(1, Math.Abs(kernel.Attributions.Data[k])));
        }

        for (int n = 0; n < 10; n++)
        {
            double sum = Enumerable.Range(0, 4).Sum(i => (double)phi.Attributions.Data[n * 4 + i]);
            Assert.Equal(phi.OutputAtInput![n] - phi.OutputAtBaseline![n], sum, 1e-4);
            Assert.Equal(exact.OutputAtInput![n], phi.OutputAtInput[n], 1e-3 * Math.Max(1, Math.Abs(phi.OutputAtInput[n])));
            Assert.Equal(exact.Quality["base_value"][n], phi.OutputAtBaseline[n], 1e-3 * Math.Max(1, Math.Abs(phi.OutputAtBaseline[n])));
            Assert.True(Math.Abs(phi.ConvergenceDelta![n]) < 1e-9);
        }
    }

    [Fact]
    public async Task RejectsABackgroundOfTheWrongWidthAndAModelWithoutWeights()
    {
        var data = new LinearData(100, seed: 4);
        using var model = data.Model(binary: false);
        var wrong = new AttributionRequest { Model = model, Inputs = [data.X], Baselines = new NdArray<float>(new float[6], 2, 3) };
        Assert.Contains("background", (await Assert.ThrowsAsync<InterpException>(() => new LinearShap(new LinearShapOptions()).ExplainAsync(wrong))).Message);
        IExplainer explainer = new LinearShap(new LinearShapOptions());
        using var c = new ReferenceCase("mlp_tabular");
        var ex = await Assert.ThrowsAsync<MissingCapabilityException>(() => explainer.ExplainAsync(c.Request));
        Assert.Contains(nameof(ILinearModel), ex.Message);
    }

    internal static AttributionRequest Request(IModel model, NdArray<float> x, int rows)
    {
        var explained = new NdArray<float>(x.Data.AsSpan(0, rows * 4).ToArray(), rows, 4);
        var background = new NdArray<float>(x.Data.AsSpan(x.Data.Length - 50 * 4).ToArray(), 50, 4);
        return new AttributionRequest { Model = model, Inputs = [explained], Baselines = background };
    }
}
