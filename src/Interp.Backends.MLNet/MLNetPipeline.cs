using Interp.Explainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Backends.MLNet;

/// <summary>An ML.NET chain split at its (last) prediction step: featurizer → predictor → what follows (e.g. key-to-value).</summary>
/// <param name="Featurizer">Everything before the predictor (an empty chain for a bare predictor).</param>
/// <param name="Predictor">The trainer's transformer: reads one float vector feature column.</param>
/// <param name="Steps">Every step of the flattened chain, in order.</param>
internal sealed record MLNetPipeline(TransformerChain<ITransformer> Featurizer, ISingleFeaturePredictionTransformer<object> Predictor, IReadOnlyList<ITransformer> Steps)
{
    public static MLNetPipeline Split(ITransformer model, string source)
    {
        var steps = Flatten(model).ToList();
        int p = steps.FindLastIndex(t => t is ISingleFeaturePredictionTransformer<object>);
        if (p < 0)
        {
            throw new InterpException($"ML.NET model '{source}' has no prediction step (no trainer's transformer among: {string.Join(", ", steps.Select(s => s.GetType().Name))}).");
        }

        return new MLNetPipeline(new TransformerChain<ITransformer>(steps.Take(p).ToArray()), (ISingleFeaturePredictionTransformer<object>)steps[p], steps);
    }

    /// <summary>Every column name seen from the input through the featurizer's steps (candidate slot sources).</summary>
    public IReadOnlySet<string> ColumnNames(DataViewSchema input)
    {
        var names = new HashSet<string>(input.Select(c => c.Name), StringComparer.Ordinal);
        var schema = input;
        foreach (var step in Featurizer)
        {
            schema = step.GetOutputSchema(schema);
            names.UnionWith(schema.Select(c => c.Name));
        }

        return names;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer t) =>
        t is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [t];
}
