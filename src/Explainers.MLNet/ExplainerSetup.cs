using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>What an <see cref="ExplanationEstimator"/> knows before it is fitted: names, the column it reads and the columns it adds.</summary>
internal abstract class ExplainerSetup
{
    /// <summary>The context the explained model runs in.</summary>
    public abstract MLContext Context { get; }

    /// <summary>The explainer's registry name (e.g. <c>TreeShap</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The float vector column the transformer reads.</summary>
    public abstract string InputColumn { get; }

    /// <summary>The columns the transformer appends (name, vector or scalar, with slot names or not).</summary>
    public abstract IReadOnlyList<(string Name, bool IsVector)> OutputShape { get; }

    /// <summary>Rows per window.</summary>
    public abstract int WindowRows { get; }

    /// <summary>Prepares the explainer from <paramref name="data"/> (covers, background means, the imported model, ...).</summary>
    /// <param name="data">What the estimator is fitted on.</param>
    public abstract IWindowExplainer Fit(IDataView data);
}
