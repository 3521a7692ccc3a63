using Interp.Backends.TorchSharp.Hooks;
using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.ActivationPatching;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Transformers;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>
/// What activation and attribution patching share: the validated prompt pair, the grid, one cached run of each prompt
/// (the grid's hook points only), the metric and its clean and corrupted values; and the explanation of a grid of
/// patched metric values.
/// </summary>
internal sealed class PatchingRun
{
    private PatchingRun(HookedTransformer transformer, PatchingGrid grid, PatchingMetric metric, bool denoising, Tensor cleanTokens, Tensor corruptedTokens, ActivationCache clean, ActivationCache corrupted, double cleanMetric, double corruptedMetric)
    {
        Transformer = transformer;
        Grid = grid;
        Metric = metric;
        Denoising = denoising;
        BaseTokens = denoising ? corruptedTokens : cleanTokens;
        Source = denoising ? clean : corrupted;
        Base = denoising ? corrupted : clean;
        CleanMetric = cleanMetric;
        CorruptedMetric = corruptedMetric;
    }

    /// <summary>The transformer.</summary>
    public HookedTransformer Transformer { get; }

    /// <summary>The grid.</summary>
    public PatchingGrid Grid { get; }

    /// <summary>The metric.</summary>
    public PatchingMetric Metric { get; }

    /// <summary>Clean activations into the corrupted run (true) or the reverse.</summary>
    public bool Denoising { get; }

    /// <summary>The prompt that is run with patches: [1, pos].</summary>
    public Tensor BaseTokens { get; }

    /// <summary>The cache the patched values come from.</summary>
    public ActivationCache Source { get; }

    /// <summary>The cache of the run that is patched.</summary>
    public ActivationCache Base { get; }

    /// <summary>The metric of the clean run.</summary>
    public double CleanMetric { get; }

    /// <summary>The metric of the corrupted run.</summary>
    public double CorruptedMetric { get; }

    /// <summary>The metric of the run that is patched.</summary>
    public double BaseMetric => Denoising ? CorruptedMetric : CleanMetric;

    /// <summary>
    /// Validates the request, runs both prompts once (under the model's lock, in a dispose scope), and hands the run to
    /// <paramref name="evaluate"/>, which returns the patched metric of every grid cell; returns the explanation.
    /// </summary>
    public static PatchingExplanation Execute(IExplainer explainer, PromptRequest request, Func<PatchingRun, float[]> evaluate)
    {
        var options = (PatchingOptions)explainer.Options;
        var prompt = TransformerPrompt.Create(request, explainer.Name, needsCorrupted: true);
        var t = prompt.Transformer;
        var grid = PatchingGrid.Create(t, options.Site, options.PerPosition, prompt.Positions, explainer.Name);
        int metricPosition = prompt.ResolvePosition(options.Position, explainer.Name);
        bool denoising = options.Direction == "denoising";
        float[] raw;
        double clean, corrupted;
        lock (prompt.Model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            var cleanTokens = prompt.ToTensor(prompt.Tokens);
            var corruptedTokens = prompt.ToTensor(prompt.CorruptedTokens!);
            var (cleanLogits, cleanCache) = t.RunWithCache(cleanTokens, grid.Glob);
            var (corruptedLogits, corruptedCache) = t.RunWithCache(corruptedTokens, grid.Glob);
            using (cleanCache)
            using (corruptedCache)
            {
                var metric = PatchingMetric.Create(options.Metric, metricPosition, request.AnswerToken, request.WrongToken, cleanLogits, corruptedLogits, t.Config.DVocab, explainer.Name);
                clean = metric.Values(cleanLogits)[0];
                corrupted = metric.Values(corruptedLogits)[0];
                raw = evaluate(new PatchingRun(t, grid, metric, denoising, cleanTokens, corruptedTokens, cleanCache, corruptedCache, clean, corrupted));
            }
        }

        var normalized = raw.Select(m => (float)((m - corrupted) / (clean - corrupted))).ToArray();
        return new PatchingExplanation
        {
            Method = explainer.Name,
            Level = explainer.Level,
            Options = explainer.Options,
            Model = request.Model.Source,
            Labels = new ExplanationLabels { Tokens = prompt.TokenStrings(request) },
            HookPoint = options.Site,
            RowNames = grid.Rows,
            Axes = grid.Axes,
            Effects = new NdArray<float>(normalized, grid.Shape),
            RawMetrics = new NdArray<float>(raw, grid.Shape),
            Metric = options.Metric,
            Direction = denoising ? "denoising" : "noising",
            CleanMetric = clean,
            CorruptedMetric = corrupted,
            CleanTokens = prompt.Tokens,
            CorruptedTokens = prompt.CorruptedTokens,
        };
    }
}
