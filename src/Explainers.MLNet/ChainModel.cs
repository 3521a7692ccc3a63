using Interp.Backends.MLNet;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>Finds the prediction step of a fitted ML.NET chain and turns it into an Interp model, with errors that name what was found.</summary>
internal static class ChainModel
{
    /// <summary>Every step of a (nested) chain, in order.</summary>
    public static IReadOnlyList<ITransformer> Steps(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Steps).ToArray() : [model];

    /// <summary>The chain's last prediction step (the trainer's transformer).</summary>
    /// <exception cref="InterpException">There is none.</exception>
    public static ISingleFeaturePredictionTransformer<object> Predictor(ITransformer model, string explainer, string supported)
    {
        ArgumentNullException.ThrowIfNull(model);
        var steps = Steps(model);
        return steps.OfType<ISingleFeaturePredictionTransformer<object>>().LastOrDefault()
            ?? throw new InterpException($"{explainer}: the ML.NET chain has no trainer's prediction step to explain (its steps: {Describe(steps)}); {explainer} explains {supported}.");
    }

    /// <summary>A readable name of the predictor's model (the calibrated sub-model for calibrated binary models).</summary>
    public static string Describe(ISingleFeaturePredictionTransformer<object> predictor)
    {
        var model = predictor.Model is CalibratedModelParametersBase c ? c.SubModel : predictor.Model;
        return $"{Readable(model.GetType())} (in {Readable(predictor.GetType())})";
    }

    /// <summary>The chain as an Interp model over its trainer's feature vector.</summary>
    /// <param name="ml">The context.</param>
    /// <param name="model">The fitted chain.</param>
    /// <param name="inputSchema">The schema of the rows the chain reads.</param>
    /// <param name="output">Score or Probability.</param>
    /// <param name="explainer">For messages.</param>
    public static MLNetModel Load(MLContext ml, ITransformer model, DataViewSchema inputSchema, MLNetOutput output, string explainer)
    {
        try
        {
            return MLNetModel.FromTransformer(ml, model, inputSchema, output);
        }
        catch (InterpException ex)
        {
            throw new InterpException($"{explainer}: {ex.Message} Fit the explainer on rows the chain reads (e.g. its training data), not on its output.", ex) { IsConfigurationError = ex.IsConfigurationError };
        }
    }

    /// <summary>
    /// The feature vectors of <paramref name="data"/>: through the model's featurizer when the data holds the chain's
    /// input columns, else its feature column when it already holds one of the right width (scored data).
    /// </summary>
    /// <exception cref="InterpException">Neither works, or the data is empty and <paramref name="allowEmpty"/> is false.</exception>
    public static float[] Features(MLNetModel model, IDataView data, string explainer, string what, out int rows, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        float[] values;
        if (data.Schema.GetColumnOrNull(model.FeatureColumn) is { } column && Width(column.Type) is int w && w != model.FeatureCount && !CanFeaturize(model, data.Schema))
        {
            throw new InterpException($"{explainer}: the {what} has a '{model.FeatureColumn}' column of {w} values; the model reads {model.FeatureCount} ([rows, {model.FeatureCount}]).");
        }

        if (CanFeaturize(model, data.Schema))
        {
            values = model.Featurize(data).Data;
        }
        else if (data.Schema.GetColumnOrNull(model.FeatureColumn) is { } features && Width(features.Type) == model.FeatureCount)
        {
            values = ReadColumn(data, features, model.FeatureCount);
        }
        else
        {
            throw new InterpException($"{explainer}: the {what} has neither the columns the chain reads ({string.Join(", ", model.RequiredInputColumns())}) nor a '{model.FeatureColumn}' column of {model.FeatureCount} values; its columns: {string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => $"{c.Name} ({c.Type})"))}.");
        }

        rows = values.Length / model.FeatureCount;
        if (rows == 0 && !allowEmpty) throw new InterpException($"{explainer}: the {what} is empty; give at least one row.");
        return values;
    }

    /// <summary>Floats per row of a Single scalar or fixed-size Single vector type; null otherwise.</summary>
    public static int? Width(DataViewType type) => type switch
    {
        VectorDataViewType { ItemType: var t, Size: > 0 and var n } when t == NumberDataViewType.Single => n,
        var t when t == NumberDataViewType.Single => 1,
        _ => null,
    };

    /// <summary>Reads a Single (vector) column row-major.</summary>
    public static float[] ReadColumn(IDataView data, DataViewSchema.Column column, int width)
    {
        var result = new List<float>();
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> v = default;
            var row = new float[width];
            while (cursor.MoveNext())
            {
                getter(ref v);
                v.CopyTo(row);
                result.AddRange(row);
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            float x = 0;
            while (cursor.MoveNext())
            {
                getter(ref x);
                result.Add(x);
            }
        }

        return result.ToArray();
    }

    private static bool CanFeaturize(MLNetModel model, DataViewSchema schema)
    {
        try
        {
            var featurized = model.Featurizer.GetOutputSchema(schema);
            return featurized.GetColumnOrNull(model.FeatureColumn) is { } c && Width(c.Type) == model.FeatureCount;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static string Describe(IReadOnlyList<ITransformer> steps) =>
        steps.Count == 0 ? "none" : string.Join(", ", steps.Select(s => Readable(s.GetType())));

    private static string Readable(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Readable))}>" : type.Name;
}
