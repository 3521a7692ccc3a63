using Interp.Explainers;
using Interp.Explainers.Explanations;

namespace Interp.Sae.Training;

/// <summary>
/// Records a training run's progress reports synchronously (in step order, unlike <see cref="Progress{T}"/>, which
/// posts them to the thread pool), forwards each to an optional inner progress, and turns the record into a
/// <see cref="SaeTrainingExplanation"/> (curves + metrics) for reports.
/// </summary>
public sealed class SaeTrainingRecorder : IProgress<SaeTrainingProgress>
{
    private readonly List<SaeTrainingProgress> _reports = [];
    private readonly IProgress<SaeTrainingProgress>? _inner;

    /// <summary>Creates a recorder.</summary>
    /// <param name="inner">Also receives every report, or null.</param>
    public SaeTrainingRecorder(IProgress<SaeTrainingProgress>? inner = null) => _inner = inner;

    /// <summary>The reports so far, in order.</summary>
    public IReadOnlyList<SaeTrainingProgress> Reports => _reports;

    /// <inheritdoc />
    public void Report(SaeTrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_reports) _reports.Add(value);
        _inner?.Report(value);
    }

    /// <summary>The run as an explanation: one curve per logged quantity, and <paramref name="metrics"/> of the result.</summary>
    /// <param name="config">The SAE's config.</param>
    /// <param name="metrics">Evaluation metrics by SAELens name (e.g. from <c>SaeEvaluator</c>), or null.</param>
    public SaeTrainingExplanation ToExplanation(SaeConfig config, IReadOnlyDictionary<string, double>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        List<SaeTrainingProgress> reports;
        lock (_reports) reports = _reports.GroupBy(r => r.Step).Select(g => g.Last()).OrderBy(r => r.Step).ToList();
        var curves = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["loss"] = reports.Select(r => r.Loss).ToArray(),
            ["l0"] = reports.Select(r => r.L0).ToArray(),
            ["dead_features"] = reports.Select(r => (double)r.DeadFeatures).ToArray(),
            ["learning_rate"] = reports.Select(r => r.LearningRate).ToArray(),
        };
        foreach (var name in reports.SelectMany(r => r.Losses.Keys).Distinct(StringComparer.Ordinal))
        {
            curves[name] = reports.Select(r => r.Losses.TryGetValue(name, out var v) ? v : double.NaN).ToArray();
        }

        return new SaeTrainingExplanation
        {
            Method = "SaeTraining",
            Level = ExplainerLevel.Concept,
            Architecture = config.Architecture,
            HookPoint = string.IsNullOrEmpty(config.HookName) ? null : config.HookName,
            DIn = config.DIn,
            DSae = config.DSae,
            Steps = reports.Select(r => r.Step).ToList(),
            Curves = curves,
            Metrics = metrics ?? new Dictionary<string, double>(),
        };
    }
}
