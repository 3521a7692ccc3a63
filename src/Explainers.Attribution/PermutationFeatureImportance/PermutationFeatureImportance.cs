using System.Globalization;
using Interp.Explainers.Attribution.Shapley;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.PermutationFeatureImportance;

/// <summary>
/// Permutation feature importance (Breiman): the loss of a metric when one feature (or one group of features, e.g. the
/// slots of a source column) is shuffled across the rows, breaking its link with the label. Each feature is permuted
/// <c>Repeats</c> times; the importance is the mean loss, with its standard error. A feature the model never reads
/// scores exactly 0. Features run in parallel; the rows of one permuted copy are evaluated in planned batches.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | global | IPredictor | any | through the backend | yes, for a given seed | (1 + G·Repeats)·N model rows |
/// </remarks>
[Explainer("PermutationFeatureImportance", ExplainerLevel.Global, typeof(PermutationFeatureImportanceOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Global importance: the loss of a metric when a feature is permuted across rows (mean and standard error over repeats).")]
public sealed class PermutationFeatureImportance : ExplainerBase<GlobalImportanceRequest, GlobalImportanceExplanation, PermutationFeatureImportanceOptions>
{
    private readonly IBatchPlanner _planner;

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public PermutationFeatureImportance(PermutationFeatureImportanceOptions options, IBatchPlanner? planner = null)
        : base(options) => _planner = planner ?? new BatchPlanner();

    /// <inheritdoc />
    public override Task<GlobalImportanceExplanation> ExplainAsync(GlobalImportanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Model is not IPredictor model) throw new MissingCapabilityException(Name, typeof(IPredictor), request.Model);
        var (x, labels) = Validate(request, model);
        int rows = x.Shape[0], features = x.Shape[1];
        int outputs = model.Output.Shape.Count > 1 && model.Output.Shape[^1] > 0 ? model.Output.Shape[^1] : 1;
        int perCall = Options.RowsPerEval > 0 ? Options.RowsPerEval : _planner.RowsPerBatch(4L * (features + outputs));
        var counter = new ModelCallCounter();
        var metric = ImportanceMetrics.Resolve(Options.Metric, outputs, labels);
        var baseline = Score(model, x.Data, rows, features, perCall, metric, labels, counter, cancellationToken);
        var groups = Groups(request, features);
        int count = groups.Length, repeats = Options.Repeats;
        int seed = Options.Seed ?? request.Seed ?? 0;
        var streams = ExampleStreams.Create(seed, count * repeats);
        var losses = new double[count * repeats];
        int done = 0;
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Options.Parallelism > 0 ? Options.Parallelism : Environment.ProcessorCount,
        };
        Parallel.For(0, count * repeats, parallel, task =>
        {
            var permuted = Permute(x.Data, rows, features, groups[task / repeats], ExampleStreams.Permutation(streams[task], rows));
            double score = Score(model, permuted, rows, features, perCall, metric, labels, counter, cancellationToken);
            losses[task] = ImportanceMetrics.HigherIsBetter(metric) ? baseline - score : score - baseline;
            request.Progress?.Report((double)Interlocked.Increment(ref done) / (count * repeats));
        });

        var (mean, error) = Summarize(losses, count, repeats);
        var explanation = new GlobalImportanceExplanation
        {
            Method = Name,
            Level = Level,
            Options = Options,
            Seed = seed,
            Model = model.Source,
            Labels = new ExplanationLabels { FeatureNames = Names(request, model, groups) },
            ModelCalls = counter.ToStats(),
            Importance = mean,
            StandardError = error,
            Metric = ImportanceMetrics.Name(metric),
        };
        explanation.Quality["baseline_metric"] = [baseline];
        return Task.FromResult(explanation);
    }

    private (NdArray<float> X, float[] Labels) Validate(GlobalImportanceRequest request, IPredictor model)
    {
        if (model.Inputs.Count != 1) throw new InterpException($"{Name}: the model has {model.Inputs.Count} inputs; permutation importance takes models with one feature input.");
        var data = request.Data;
        if (data.Rank < 2 || data.Shape[0] < 2) throw new InterpException($"{Name}: the data must hold at least 2 rows of features; got {NdArray<float>.Format(data.Shape)}.");
        var x = new NdArray<float>(data.Data, data.Shape[0], data.Data.Length / data.Shape[0]);
        var labels = request.Labels?.Data ?? throw new InterpException($"{Name}: labels are required (one per row).") { IsConfigurationError = true };
        if (labels.Length != x.Shape[0]) throw new InterpException($"{Name}: {labels.Length.ToString(CultureInfo.InvariantCulture)} labels for {x.Shape[0].ToString(CultureInfo.InvariantCulture)} rows.");
        return (x, labels);
    }

    private int[][] Groups(GlobalImportanceRequest request, int features)
    {
        if (request.FeatureGroups is not { } ids) return Enumerable.Range(0, features).Select(i => new[] { i }).ToArray();
        if (ids.Count != features) throw new InterpException($"{Name}: {ids.Count.ToString(CultureInfo.InvariantCulture)} feature groups for {features.ToString(CultureInfo.InvariantCulture)} features.");
        return ids.Select((g, i) => (g, i)).GroupBy(p => p.g).OrderBy(g => g.Key).Select(g => g.Select(p => p.i).ToArray()).ToArray();
    }

    private static IReadOnlyList<string>? Names(GlobalImportanceRequest request, IPredictor model, int[][] groups)
    {
        var names = request.FeatureNames ?? (model as IHasFeatureNames)?.FeatureNames;
        return names is null ? null : groups.Select(g => string.Join("+", g.Select(i => names[i]))).ToArray();
    }

    private static float[] Permute(float[] data, int rows, int features, int[] columns, int[] order)
    {
        var copy = (float[])data.Clone();
        for (int r = 0; r < rows; r++)
        {
            foreach (int c in columns) copy[r * features + c] = data[order[r] * features + c];
        }

        return copy;
    }

    private double Score(IPredictor model, float[] data, int rows, int features, int perCall, ImportanceMetric metric, float[] labels, ModelCallCounter counter, CancellationToken cancellationToken)
    {
        int outputs = -1;
        float[]? predictions = null;
        for (int start = 0; start < rows; start += perCall)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(perCall, rows - start);
            var batch = new NdArray<float>(data.AsSpan(start * features, n * features).ToArray(), n, features);
            var output = model.Predict([batch], cancellationToken);
            counter.Record(n);
            if (outputs < 0)
            {
                outputs = output.Data.Length / n;
                predictions = new float[rows * outputs];
            }

            output.Data.CopyTo(predictions!, start * outputs);
        }

        return ImportanceMetrics.Compute(metric, predictions, outputs, labels, Options.Threshold);
    }

    private static (double[] Mean, double[] Error) Summarize(double[] losses, int count, int repeats)
    {
        var mean = new double[count];
        var error = new double[count];
        for (int g = 0; g < count; g++)
        {
            var own = losses.AsSpan(g * repeats, repeats);
            double m = 0;
            foreach (var v in own) m += v;
            m /= repeats;
            double squares = 0;
            foreach (var v in own) squares += (v - m) * (v - m);
            mean[g] = m;
            error[g] = repeats > 1 ? Math.Sqrt(squares / (repeats - 1) / repeats) : 0;
        }

        return (mean, error);
    }
}
