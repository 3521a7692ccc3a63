using Interp.Backends.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>The SHAP value and base value columns of a model with some outputs and players.</summary>
internal static class ShapColumns
{
    public static ExplanationColumn[] Create(ShapColumnOptions options, IReadOnlyList<string> outputNames, IReadOnlyList<string> players)
    {
        int k = outputNames.Count;
        var slots = k == 1 ? players.ToArray() : outputNames.SelectMany(c => players.Select(p => $"{c}:{p}")).ToArray();
        return
        [
            new ExplanationColumn(options.OutputColumnName, slots.Length, slots),
            k == 1 ? new ExplanationColumn(options.BaseValueColumnName, 0) : new ExplanationColumn(options.BaseValueColumnName, k, [.. outputNames]),
        ];
    }

    public static IReadOnlyList<(string Name, bool IsVector)> Shape(ShapColumnOptions options, bool multiclass) =>
        [(options.OutputColumnName, true), (options.BaseValueColumnName, multiclass)];

    /// <summary>Class names from the chain's Score column slot names (multiclass), else class0, class1, ...</summary>
    public static string[] OutputNames(MLNetModel model, int outputs)
    {
        if (outputs == 1) return ["output"];
        try
        {
            var score = model.Transformer.GetOutputSchema(model.InputSchema).GetColumnOrNull("Score");
            if (score is { } c && c.HasSlotNames())
            {
                VBuffer<ReadOnlyMemory<char>> names = default;
                c.GetSlotNames(ref names);
                var result = names.DenseValues().Select(n => n.ToString()).ToArray();
                if (result.Length == outputs && result.All(n => n.Length > 0)) return result;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // no names: fall through
        }

        return Enumerable.Range(0, outputs).Select(i => $"class{i}").ToArray();
    }

    /// <summary>Whether the chain's prediction step is multiclass (a vector Score).</summary>
    public static bool IsMulticlass(ISingleFeaturePredictionTransformer<object> predictor) =>
        predictor.GetType().IsGenericType && predictor.GetType().GetGenericTypeDefinition() == typeof(MulticlassPredictionTransformer<>);
}
