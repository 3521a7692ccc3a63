using System.Globalization;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.LinearShap;

/// <summary>
/// Exact SHAP values of a linear model with independent features: φᵢ = wᵢ·(xᵢ − E[xᵢ]), the expectation over the
/// background (the request's <c>baselines</c> rows; without them the baseline value). Values are in the margin (raw
/// score) space of the model, where Σφ = f(x) − E f(background) holds exactly; the model is never called.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILinearModel | ML.NET linear models, any adapter exposing weights | no | yes | O(N·F) |
/// </remarks>
[Explainer("LinearShap", ExplainerLevel.Local, typeof(LinearShapOptions),
    RequiredCapabilities = [typeof(ILinearModel)],
    Description = "Exact SHAP values of a linear model with independent features, from its weights and a background.")]
public sealed class LinearShap : ExplainerBase<AttributionRequest, AttributionExplanation, LinearShapOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public LinearShap(LinearShapOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Model is not ILinearModel model) throw new MissingCapabilityException(Name, typeof(ILinearModel), request.Model);
        var x = Input(request, model);
        int examples = x.Shape[0], features = x.Shape[1];
        var mean = BackgroundMean(request, features);
        if (!(Options.AllowNonFinite || request.AllowNonFinite) && (x.Data.Any(v => !float.IsFinite(v)) || mean.Any(v => !double.IsFinite(v))))
        {
            throw new InterpException($"{Name}: the inputs or the background hold NaN or infinite values.");
        }

        var attributions = new float[examples * features];
        var atInput = new double[examples];
        var baseValue = new double[examples];
        var delta = new double[examples];
        var targets = new int[examples];
        for (int n = 0; n < examples; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int target = targets[n] = Target(request, model, n);
            var w = model.Weights[target];
            double bias = model.Bias[target], fx = bias, fb = bias, sum = 0;
            for (int i = 0; i < features; i++)
            {
                double xi = x.Data[n * features + i];
                double phi = w[i] * (xi - mean[i]);
                attributions[n * features + i] = (float)phi;
                sum += phi;
                fx += w[i] * xi;
                fb += w[i] * mean[i];
            }

            atInput[n] = fx;
            baseValue[n] = fb;
            delta[n] = sum - (fx - fb);
        }

        var explanation = new AttributionExplanation
        {
            Method = Name,
            Level = Level,
            Options = Options,
            Model = model.Source,
            Labels = request.Labels,
            Attributions = new NdArray<float>(attributions, examples, features),
            InputIndex = request.InputIndex,
            Targets = targets,
            OutputAtInput = atInput,
            OutputAtBaseline = baseValue,
            ConvergenceDelta = delta,
        };
        explanation.Quality["completeness_gap"] = delta;
        explanation.Quality["base_value"] = baseValue;
        return Task.FromResult(explanation);
    }

    private NdArray<float> Input(AttributionRequest request, ILinearModel model)
    {
        if (request.InputIndex < 0 || request.InputIndex >= request.Inputs.Count) throw new InterpException($"{Name}: input index {request.InputIndex} is out of range.");
        int features = model.Weights.Count == 0 ? 0 : model.Weights[0].Length;
        if (request.Inputs[request.InputIndex] is not NdArray<float> { Rank: 2 } x || x.Shape[1] != features)
        {
            throw new InterpException($"{Name}: the linear model takes feature vectors of shape [examples, {features.ToString(CultureInfo.InvariantCulture)}]; got {NdArray<float>.Format(request.Inputs[request.InputIndex].Shape)}.");
        }

        return x;
    }

    private double[] BackgroundMean(AttributionRequest request, int features)
    {
        var mean = new double[features];
        if (request.Baselines is not { } b)
        {
            Array.Fill(mean, request.BaselineValue);
            return mean;
        }

        if (b.Rank != 2 || b.Shape[0] == 0 || b.Shape[1] != features)
        {
            throw new InterpException($"{Name}: the background (baselines) must be a non-empty [rows, {features.ToString(CultureInfo.InvariantCulture)}] array; got {NdArray<float>.Format(b.Shape)}.");
        }

        int rows = b.Shape[0];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < features; i++) mean[i] += b.Data[r * features + i];
        }

        for (int i = 0; i < features; i++) mean[i] /= rows;
        return mean;
    }

    private int Target(AttributionRequest request, ILinearModel model, int example)
    {
        int target = request.Targets is { } t ? t[example] : 0;
        if (request.Targets is null && model.Weights.Count != 1) throw new InterpException($"{Name}: the model has {model.Weights.Count} outputs; give a target per example.");
        if (target < 0 || target >= model.Weights.Count) throw new InterpException($"{Name}: target {target} is out of range (the model has {model.Weights.Count} outputs).");
        return target;
    }
}
