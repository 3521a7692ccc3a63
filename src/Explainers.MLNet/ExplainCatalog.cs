using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>
/// The catalog reached from <c>mlContext.Explain()</c>. Each explainer pack adds its entries as extension methods (a
/// simple overload and an options overload each); this assembly adds those of the attribution pack.
/// </summary>
public sealed class ExplainCatalog
{
    internal ExplainCatalog(MLContext context) => Context = context;

    /// <summary>The ML.NET context (its seed and <c>GpuDeviceId</c>/<c>FallbackToCpu</c> are used by the entries).</summary>
    public MLContext Context { get; }
}
