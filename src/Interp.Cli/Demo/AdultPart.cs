using System.Globalization;
using System.Text;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Trees;
using Interp.Trees.Native;

namespace Interp.Cli.Demo;

/// <summary>
/// Global and local level on tabular data: a LightGBM model trained (native LightGBM) on UCI Adult, explained with
/// TreeShap (beeswarm, bar, dependence over the held-out rows) and PermutationFeatureImportance (AUC), plus a
/// waterfall page for one person.
/// </summary>
internal sealed class AdultPart : IDemoPart
{
    public string Title => "Adult + LightGBM";

    public async Task RunAsync(DemoContext context, DemoStep step, CancellationToken cancellationToken)
    {
        step.Report("reading UCI Adult", 0);
        var adult = AdultTable.Load(context.Data);
        bool full = adult.Rows > 1000;
        int train = full ? (context.Quick ? 3000 : 30000) : adult.Rows * 2 / 3;
        int explain = full ? (context.Quick ? 100 : 2000) : adult.Rows - train;
        int iterations = context.Quick ? 30 : 100;
        if (!full) context.Log($"Adult: only the shipped {adult.Rows}-row sample was found ({adult.Source}); training on {train} of its rows.");

        step.Report($"training LightGBM: {train} rows, {iterations} iterations", 0.05);
        string modelText;
        var parameters = $"objective=binary num_threads=2 deterministic=true force_row_wise=true verbose=-1 seed=7 num_leaves=31 min_data_in_leaf=20 learning_rate=0.1 max_cat_to_onehot=4 categorical_feature={adult.CategoricalIndices}";
        using (var booster = LightGbmBooster.Train(adult.Slice(0, train), adult.Features.Length, adult.Y.AsSpan(0, train), parameters, iterations, adult.ModelNames))
        {
            modelText = booster.SaveModelToString();
        }

        var modelLink = context.Report.Attach("envelopes/adult-lightgbm.txt", Encoding.UTF8.GetBytes(modelText));
        using var raw = LightGbmModel.FromString(modelText, LightGbmOutput.RawScore);
        using var probability = LightGbmModel.FromString(modelText, LightGbmOutput.Prediction);
        var rows = new NdArray<double>(adult.Slice(train, explain), explain, adult.Features.Length);

        step.Report($"TreeShap on {explain} held-out rows", 0.3);
        var shap = (ShapExplanation)await context.Create("TreeShap").ExplainAsync(new ShapRequest { Model = raw, Data = rows }, cancellationToken).ConfigureAwait(false);
        context.Report.Add(shap, "adult-tree-shap", Title, attachments: [modelLink], title: $"TreeShap over {explain} held-out people (beeswarm, bar, dependence)");
        context.Log(string.Create(CultureInfo.InvariantCulture, $"Adult: TreeShap on {explain} rows, max efficiency gap {shap.Quality["efficiency_gap"].Max():G3}; strongest features (mean |SHAP|): {Strongest(shap)}"));

        step.Report("waterfall for one person", 0.5);
        int person = PickPerson(probability, rows);
        var one = OnePerson(shap, rows, person);
        context.Report.Add(one, "adult-person", Title, title: $"TreeShap waterfall and force plot for one person (row {train + person})");
        var p = probability.PredictTransformed(rows.Row(person))[0];
        context.Log(string.Create(CultureInfo.InvariantCulture, $"Adult: person #{train + person} (age {rows.Row(person)[0]}), P(income > 50K) = {p:F3}; waterfall: adult-person.html"));

        int repeats = context.Quick ? 2 : 5;
        step.Report($"PermutationFeatureImportance (AUC, {repeats} repeats)", 0.6);
        var labels = new NdArray<float>(adult.Y.AsSpan(train, explain).ToArray(), explain);
        var request = new GlobalImportanceRequest
        {
            Model = probability,
            Data = new NdArray<float>(Array.ConvertAll(rows.Data, v => (float)v), explain, adult.Features.Length),
            Labels = labels,
            FeatureNames = adult.Features,
            Progress = new Progress<double>(f => step.Report($"PermutationFeatureImportance (AUC, {repeats} repeats)", 0.6 + (0.4 * f))),
        };
        var pfi = (GlobalImportanceExplanation)await context.Create("PermutationFeatureImportance", ("Metric", "Auc"), ("Repeats", repeats.ToString(CultureInfo.InvariantCulture)), ("Seed", "1"))
            .ExplainAsync(request, cancellationToken).ConfigureAwait(false);
        context.Report.Add(pfi, "adult-permutation-importance", Title, title: $"PermutationFeatureImportance (AUC drop, {repeats} repeats)");
        var top = pfi.Importance.Select((v, i) => (v, i)).OrderByDescending(t => t.v).Take(3).Select(t => string.Create(CultureInfo.InvariantCulture, $"{adult.Features[t.i]} {t.v:F3}"));
        context.Log($"Adult: permutation importance (AUC drop): {string.Join(", ", top)}");
        step.Report("done", 1);
    }

    private static string Strongest(ShapExplanation shap)
    {
        int f = shap.FeatureNames.Count, rows = shap.ShapValues.Shape[0];
        var mean = new double[f];
        for (int r = 0; r < rows; r++) for (int j = 0; j < f; j++) mean[j] += Math.Abs(shap.ShapValues.Data[(r * f) + j]) / rows;
        return string.Join(", ", mean.Select((v, j) => (v, j)).OrderByDescending(t => t.v).Take(3).Select(t => string.Create(CultureInfo.InvariantCulture, $"{shap.FeatureNames[t.j]} {t.v:F3}")));
    }

    /// <summary>The first held-out person the model thinks earns more than 50K (an interesting waterfall), else the first.</summary>
    private static int PickPerson(LightGbmModel model, NdArray<double> rows)
    {
        var p = model.PredictTransformed(rows.Data);
        for (int r = 0; r < p.Length; r++) if (p[r] > 0.7) return r;
        return 0;
    }

    private static ShapExplanation OnePerson(ShapExplanation all, NdArray<double> rows, int person)
    {
        int f = all.FeatureNames.Count;
        var phi = all.ShapValues.Row(person).ToArray();
        var one = new ShapExplanation
        {
            Method = all.Method,
            Level = all.Level,
            Options = all.Options,
            Model = all.Model,
            Labels = all.Labels,
            FeatureNames = all.FeatureNames,
            BaseValues = new NdArray<double>(all.BaseValues.Row(person).ToArray(), 1),
            ShapValues = new NdArray<double>(phi, 1, f),
            FeaturePerturbation = all.FeaturePerturbation,
            OutputSpace = all.OutputSpace,
            Global = new ShapGlobalSummary
            {
                MeanAbsShap = new NdArray<double>(Array.ConvertAll(phi, Math.Abs), f),
                StrongestInteraction = all.Global?.StrongestInteraction ?? Enumerable.Repeat(-1, f).ToArray(),
                FeatureValues = new NdArray<double>(rows.Row(person).ToArray(), 1, f),
            },
        };
        one.Quality["efficiency_gap"] = [all.Quality["efficiency_gap"][person]];
        return one;
    }
}
