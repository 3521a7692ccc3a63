using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// Attaches quality metrics to an attribution explanation, on request: <c>infidelity</c>, <c>sensitivity_max</c>,
/// <c>deletion_auc</c> and <c>insertion_auc</c> (one value per example; <c>deletion</c> and <c>insertion</c> also
/// write <c>*_auc_random</c>, and the curves under <c>extras</c> as <c>deletion_curve</c>, <c>insertion_curve</c>
/// [N, points] with their x values in <c>curve_fraction</c>). The one place that runs the metrics for the library,
/// the CLI (<c>interp attribute --quality</c>) and the demo.
/// </summary>
public sealed class QualityMetrics : IQualityMetrics
{
    /// <summary>Metric name of <see cref="Metrics.Infidelity"/>.</summary>
    public const string InfidelityName = "infidelity";

    /// <summary>Metric name of <see cref="Metrics.SensitivityMax"/>.</summary>
    public const string SensitivityMaxName = "sensitivity_max";

    /// <summary>Metric name of the deletion curve (quality <c>deletion_auc</c>).</summary>
    public const string DeletionName = "deletion";

    /// <summary>Metric name of the insertion curve (quality <c>insertion_auc</c>).</summary>
    public const string InsertionName = "insertion";

    private readonly IBatchPlanner _planner;

    /// <summary>Creates the metrics.</summary>
    /// <param name="options">Options of each metric (defaults: Captum's).</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public QualityMetrics(QualityMetricsOptions? options = null, IBatchPlanner? planner = null)
    {
        Options = options ?? new QualityMetricsOptions();
        _planner = planner ?? new BatchPlanner();
    }

    /// <summary>The options.</summary>
    public QualityMetricsOptions Options { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; } = [InfidelityName, SensitivityMaxName, DeletionName, InsertionName];

    /// <inheritdoc />
    public async Task AddAsync(AttributionExplanation explanation, IExplainer explainer, AttributionRequest request, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(explainer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(metrics);
        var wanted = Resolve(metrics, explanation, request);
        if (wanted.Contains(InfidelityName))
        {
            explanation.Quality["infidelity"] = new Infidelity(Options.Infidelity, _planner).Compute(request, explanation.Attributions, cancellationToken: cancellationToken);
        }

        if (wanted.Contains(SensitivityMaxName))
        {
            explanation.Quality["sensitivity_max"] = await new SensitivityMax(Options.SensitivityMax)
                .ComputeAsync(explainer, request, explanation.Attributions, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (wanted.Contains(DeletionName) || wanted.Contains(InsertionName))
        {
            var curves = new DeletionInsertion(Options.DeletionInsertion, _planner).Compute(request, explanation.Attributions, cancellationToken);
            explanation.Extras["curve_fraction"] = Stack(curves.Deletion, c => c.Fractions);
            if (wanted.Contains(DeletionName)) Write(explanation, "deletion", curves.Deletion, curves.RandomDeletion);
            if (wanted.Contains(InsertionName)) Write(explanation, "insertion", curves.Insertion, curves.RandomInsertion);
        }
    }

    /// <summary>The requested names, "all" expanded to every metric that applies; unknown or inapplicable names throw.</summary>
    private HashSet<string> Resolve(IReadOnlyCollection<string> metrics, AttributionExplanation explanation, AttributionRequest request)
    {
        bool all = metrics.Any(m => string.Equals(m, "all", StringComparison.OrdinalIgnoreCase));
        var unknown = metrics.Where(m => !all && !Names.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new InterpException($"unknown quality metric '{unknown[0]}'; use {string.Join(", ", Names)} or all.") { IsConfigurationError = true };
        }

        // Infidelity and the curves perturb the input, so they need input-shaped attributions (not layer ones).
        bool onInput = explanation.Attributions.Shape.SequenceEqual(request.Inputs[request.InputIndex].Shape);
        var wanted = new HashSet<string>(all ? Names : metrics.Select(m => m.ToLowerInvariant()), StringComparer.Ordinal);
        if (!onInput)
        {
            if (!all && wanted.FirstOrDefault(m => m != SensitivityMaxName) is { } named)
            {
                throw new InterpException(
                    $"quality metric '{named}' needs attributions of the input's shape {NdArray<float>.Format(request.Inputs[request.InputIndex].Shape)}; '{explanation.Method}' gives {NdArray<float>.Format(explanation.Attributions.Shape)}.") { IsConfigurationError = true };
            }

            wanted.IntersectWith([SensitivityMaxName]);
        }

        return wanted;
    }

    private static void Write(AttributionExplanation explanation, string name, IReadOnlyList<AttributionCurve> curves, IReadOnlyList<AttributionCurve> random)
    {
        explanation.Quality[name + "_auc"] = curves.Select(c => c.Auc).ToArray();
        explanation.Extras[name + "_curve"] = Stack(curves, c => c.Values);
        if (random.Count == 0) return;
        explanation.Quality[name + "_auc_random"] = random.Select(c => c.Auc).ToArray();
        explanation.Extras[name + "_curve_random"] = Stack(random, c => c.Values);
    }

    private static NdArray<float> Stack(IReadOnlyList<AttributionCurve> curves, Func<AttributionCurve, double[]> values) =>
        new(curves.SelectMany(c => values(c).Select(v => (float)v)).ToArray(), curves.Count, values(curves[0]).Length);
}
