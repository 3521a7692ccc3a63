using Interp.Core.Envelope;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp shap</c> on a model that is not a tree ensemble: LinearShap, ExactShap or PermutationShap (as chosen by
/// <c>--explainer auto</c>) on the feature vectors, against the background file or (at most
/// <see cref="MaxBackground"/> of) the explained rows; the envelope is an attribution explanation.
/// </summary>
internal static class ShapAgnostic
{
    /// <summary>The most background rows taken from the explained rows when no background file is given.</summary>
    public const int MaxBackground = 100;

    public static Task<AttributionExplanation> ExplainAsync(IExplainerFactory factory, string name, ShapData loaded, CancellationToken ct) =>
        ExplainAsync(factory.Create(name), loaded, ct);

    /// <summary>Runs <paramref name="explainer"/> (an attribution explainer) on the loaded rows against the background.</summary>
    public static async Task<AttributionExplanation> ExplainAsync(IExplainer explainer, ShapData loaded, CancellationToken ct)
    {
        var rows = ToFloat(loaded.Rows, loaded.Rows.Shape[0]);
        var background = loaded.Background is { } b ? ToFloat(b, b.Shape[0]) : ToFloat(loaded.Rows, Math.Min(MaxBackground, loaded.Rows.Shape[0]));
        var names = (loaded.Model as Interp.Explainers.Models.IHasFeatureNames)?.FeatureNames;
        var request = new AttributionRequest
        {
            Model = loaded.Model,
            Inputs = [rows],
            Baselines = background,
            Labels = names is null ? null : new ExplanationLabels { FeatureNames = names },
        };
        return (AttributionExplanation)await explainer.ExplainAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the envelope to <paramref name="outFile"/> (atomically, then a line naming it and <paramref name="detail"/>) or stdout.</summary>
    public static async Task<int> WriteAsync(Explanation explanation, FileInfo? outFile, string detail = "")
    {
        if (outFile is null)
        {
            using var stdout = Console.OpenStandardOutput();
            ExplanationFile.Write(explanation, stdout, indented: true);
            await Console.Out.WriteLineAsync().ConfigureAwait(false);
            return CliApp.Success;
        }

        ExplanationFile.WriteAtomic(explanation, outFile.FullName, indented: true);
        await Console.Out.WriteLineAsync($"{explanation.Method}: wrote {outFile.FullName}{detail}").ConfigureAwait(false);
        return CliApp.Success;
    }

    /// <summary>The first <paramref name="rows"/> rows of <paramref name="x"/> as float32.</summary>
    public static NdArray<float> ToFloat(NdArray<double> x, int rows)
    {
        int width = x.Shape[1];
        return new NdArray<float>(x.Data.AsSpan(0, rows * width).ToArray().Select(v => (float)v).ToArray(), rows, width);
    }
}
