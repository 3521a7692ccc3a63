using Interp.Explainers.Attribution.PermutationFeatureImportance;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary><c>mlContext.Explain().PermutationFeatureImportance(...)</c>: global importance of any ML.NET model.</summary>
public static class PermutationFeatureImportanceCatalogExtensions
{
    /// <summary>
    /// Permutation feature importance of the model that ends <paramref name="model"/> on <paramref name="data"/>: the loss
    /// of the metric (AUC for binary, R² for regression, accuracy for multiclass by default) when a source column's slots
    /// are shuffled across rows; mean over repeats with its standard error. Multi-core.
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in any trainer.</param>
    /// <param name="data">Rows the chain reads, with the label column.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="repeats">Permutations per source column.</param>
    /// <returns>Importance per source column (<c>Labels.FeatureNames</c>), with standard errors and the metric.</returns>
    /// <exception cref="InterpException">No prediction step, data the chain cannot read, or a missing or unsupported label column.</exception>
    public static GlobalImportanceExplanation PermutationFeatureImportance(this ExplainCatalog catalog, ITransformer model, IDataView data, string labelColumnName = "Label", int repeats = 5) =>
        PermutationFeatureImportance(catalog, model, data, new MLNetPermutationFeatureImportanceOptions
        {
            LabelColumnName = labelColumnName,
            Explainer = new PermutationFeatureImportanceOptions { Repeats = repeats },
        });

    /// <summary>Permutation feature importance with all options (metric, seed, per-slot or per-column, output, progress).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in any trainer.</param>
    /// <param name="data">Rows the chain reads, with the label column.</param>
    /// <param name="options">The options.</param>
    /// <returns>Importance per source column or slot, with standard errors and the metric.</returns>
    /// <exception cref="InterpException">Invalid options, no prediction step, data the chain cannot read, or a bad label column.</exception>
    public static GlobalImportanceExplanation PermutationFeatureImportance(this ExplainCatalog catalog, ITransformer model, IDataView data, MLNetPermutationFeatureImportanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        const string name = "PermutationFeatureImportance";
        OptionsValidation.Check(name, options, options.Explainer);
        ChainModel.Predictor(model, name, "any model with a trainer's prediction step");
        var m = ChainModel.Load(catalog.Context, model, data.Schema, options.Output, name);
        var x = ChainModel.Features(m, data, name, "data", out int rows);
        var labels = Labels(data, options.LabelColumnName, name);
        var groups = options.GroupBySourceColumn ? PlayerGroups.By(m.FeatureSourceColumns) : PlayerGroups.Identity(m.FeatureNames);
        var request = new GlobalImportanceRequest
        {
            Model = m,
            Data = new NdArray<float>(x, rows, m.FeatureCount),
            Labels = new NdArray<float>(labels, labels.Length),
            FeatureGroups = options.GroupBySourceColumn ? groups.GroupOf : null,
            Progress = options.Progress,
        };
        var result = new PermutationFeatureImportance(options.Explainer).ExplainAsync(request).GetAwaiter().GetResult();
        var named = new GlobalImportanceExplanation
        {
            Method = result.Method,
            Level = result.Level,
            Options = result.Options,
            Seed = result.Seed,
            Model = result.Model,
            ModelCalls = result.ModelCalls,
            Labels = new ExplanationLabels { FeatureNames = groups.Names },
            Importance = result.Importance,
            StandardError = result.StandardError,
            Metric = result.Metric,
        };
        foreach (var (key, value) in result.Quality) named.Quality[key] = value;
        return named;
    }

    private static float[] Labels(IDataView data, string column, string explainer)
    {
        var c = data.Schema.GetColumnOrNull(column)
            ?? throw new InterpException($"{explainer}: the data has no label column '{column}' (columns: {string.Join(", ", data.Schema.Where(s => !s.IsHidden).Select(s => s.Name))}).") { IsConfigurationError = true };
        var type = c.Type;
        if (type is KeyDataViewType) return data.GetColumn<uint>(c).Select(v => v == 0 ? float.NaN : v - 1f).ToArray();
        if (type == BooleanDataViewType.Instance) return data.GetColumn<bool>(c).Select(v => v ? 1f : 0f).ToArray();
        if (type == NumberDataViewType.Single) return data.GetColumn<float>(c).ToArray();
        if (type == NumberDataViewType.Double) return data.GetColumn<double>(c).Select(v => (float)v).ToArray();
        if (type == NumberDataViewType.Int32) return data.GetColumn<int>(c).Select(v => (float)v).ToArray();
        throw new InterpException($"{explainer}: label column '{column}' is {type}; use Boolean, Single, Double, Int32 or a key.");
    }
}
