using Interp.Explainers.Attribution.GradientShap;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.NoiseTunnel;

/// <summary>
/// NoiseTunnel (Captum <c>NoiseTunnel</c>): runs another explainer on <c>Samples</c> noisy copies x + N(0, σ²) of
/// each example and aggregates: SmoothGrad (mean), SmoothGrad² (mean of squares), VarGrad (variance). The inner
/// explainer is created by name from the registry, with its own configured options.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | those of the inner explainer | as the inner explainer | as the inner | for a seed | Samples × the inner cost |
/// </remarks>
[Explainer("NoiseTunnel", ExplainerLevel.Local, typeof(NoiseTunnelOptions), RequiredCapabilities = [typeof(IPredictor)],
    Description = "SmoothGrad / SmoothGrad² / VarGrad around any other explainer.")]
public sealed class NoiseTunnel : ExplainerBase<AttributionRequest, AttributionExplanation, NoiseTunnelOptions>
{
    private readonly IExplainer _inner;

    /// <summary>Creates the explainer and its inner explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="factory">Creates the inner explainer (by <see cref="NoiseTunnelOptions.Inner"/>, with its configured options; an explicit batch size applies to it too).</param>
    public NoiseTunnel(NoiseTunnelOptions options, IExplainerFactory factory) : base(options)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _inner = factory.Create(Options.Inner, o =>
        {
            if (Options.PerturbationsPerEval > 0 && o is PerturbationOptions p) p.PerturbationsPerEval = Options.PerturbationsPerEval;
        });
    }

    /// <summary>The inner explainer's capabilities.</summary>
    public override IReadOnlyList<Type> RequiredCapabilities => _inner.RequiredCapabilities;

    /// <inheritdoc />
    public override async Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        int seed = Options.Seed ?? request.Seed ?? 0;
        if (request.Inputs[request.InputIndex] is not NdArray<float> input)
        {
            throw new InterpException($"NoiseTunnel: input {request.InputIndex} must be a float input.");
        }

        var rng = new Random(seed);
        var noise = new float[input.Length * Options.Samples];
        for (int i = 0; i < noise.Length; i++) noise[i] = (float)(Options.Stdev * GradientShapDraws.Gaussian(rng));
        var explanation = await Run(request, _inner, noise, Options.Samples, Options.Type, cancellationToken).ConfigureAwait(false);
        return new AttributionExplanation
        {
            Method = Name,
            Level = Level,
            Options = Options,
            Seed = seed,
            Model = explanation.Model,
            Labels = request.Labels,
            Attributions = explanation.Attributions,
            InputIndex = request.InputIndex,
            Targets = explanation.Targets,
            ModelCalls = explanation.ModelCalls,
        };
    }

    /// <summary>Runs <paramref name="inner"/> on the noisy copies (noise example-major: [N·K][...]) and aggregates.</summary>
    internal static async Task<AttributionExplanation> Run(AttributionRequest request, IExplainer inner, float[] noise, int samples, string type, CancellationToken cancellationToken)
    {
        var input = (NdArray<float>)request.Inputs[request.InputIndex];
        int n = input.Shape[0], len = input.RowLength;
        var noisy = new float[n * samples * len];
        var examples = new int[n * samples];
        for (int j = 0; j < n * samples; j++)
        {
            examples[j] = j / samples;
            var x = input.Row(j / samples);
            for (int i = 0; i < len; i++) noisy[(j * len) + i] = x[i] + noise[(j * len) + i];
        }

        var repeated = Metrics.RequestRows.ForRows(request, new NdArray<float>(noisy, [n * samples, .. input.RowShape]), examples);
        var result = (AttributionExplanation)await inner.ExplainAsync(repeated, cancellationToken).ConfigureAwait(false);
        int outLen = result.Attributions.RowLength;
        var aggregated = new float[n * outLen];
        for (int e = 0; e < n; e++)
        {
            for (int i = 0; i < outLen; i++)
            {
                double sum = 0, squares = 0;
                for (int k = 0; k < samples; k++)
                {
                    double a = result.Attributions.Data[(((e * samples) + k) * outLen) + i];
                    sum += a;
                    squares += a * a;
                }

                double mean = sum / samples, meanSq = squares / samples;
                aggregated[(e * outLen) + i] = (float)(type switch { "smoothgrad" => mean, "smoothgrad_sq" => meanSq, _ => meanSq - (mean * mean) });
            }
        }

        return new AttributionExplanation
        {
            Method = result.Method,
            Level = result.Level,
            Model = result.Model,
            Attributions = new NdArray<float>(aggregated, [n, .. result.Attributions.RowShape]),
            InputIndex = request.InputIndex,
            Targets = request.Targets,
            ModelCalls = result.ModelCalls,
        };
    }
}
