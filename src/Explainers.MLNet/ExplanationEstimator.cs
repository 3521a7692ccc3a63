using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>
/// An explainer as an ML.NET estimator (from <c>mlContext.Explain()</c>). <see cref="Fit"/> prepares it (e.g. TreeSHAP's
/// node covers from the training rows); the <see cref="ExplanationTransformer"/> it returns is applied after the
/// explained chain and appends explanation columns to the scored data, computed lazily in windows of rows.
/// </summary>
public sealed class ExplanationEstimator : IEstimator<ExplanationTransformer>
{
    private readonly ExplainerSetup _setup;

    internal ExplanationEstimator(ExplainerSetup setup) => _setup = setup;

    /// <summary>The explainer's name (e.g. <c>TreeShap</c>).</summary>
    public string ExplainerName => _setup.Name;

    /// <summary>The float vector column the transformer reads from the scored data.</summary>
    public string InputColumnName => _setup.InputColumn;

    /// <summary>The names of the columns the transformer appends.</summary>
    public IReadOnlyList<string> OutputColumnNames => _setup.OutputShape.Select(c => c.Name).ToArray();

    /// <summary>Prepares the explainer.</summary>
    /// <param name="input">
    /// The rows the explainer learns from: for TreeShap (path-dependent) and LinearShap the rows the explained chain
    /// reads (its training data is the usual choice: node covers, feature means); IntegratedGradients and KernelShap
    /// only check the schema.
    /// </param>
    /// <exception cref="InterpException">The data does not fit the chain, or the chain holds no model this explainer supports.</exception>
    public ExplanationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ExplanationTransformer(_setup.Name, _setup.Fit(input), _setup.WindowRows);
    }

    /// <summary>The schema after the transformer: the input columns plus the explanation columns.</summary>
    /// <param name="inputSchema">The shape of the scored data.</param>
    /// <exception cref="InterpException">The input column is missing or not of floats.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == _setup.InputColumn);
        if (column.Name is null)
        {
            throw new InterpException($"{_setup.Name}: the data has no column '{_setup.InputColumn}' to explain; apply the explainer after the model (model.Append(explainer)), whose output holds it.");
        }

        if (column.ItemType != NumberDataViewType.Single || column.Kind == SchemaShape.Column.VectorKind.VariableVector)
        {
            throw new InterpException($"{_setup.Name}: column '{_setup.InputColumn}' is {column.Kind} of {column.ItemType}; expected a fixed-size vector (or scalar) of Single.");
        }

        return OutputShapes.Append(_setup.Context, inputSchema, _setup.OutputShape);
    }
}
