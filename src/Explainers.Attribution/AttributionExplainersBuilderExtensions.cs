using Interp.Explainers.Attribution;
using Interp.Explainers.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the attribution pack to an Interp host when the pack is referenced directly (not loaded from a folder).</summary>
public static class AttributionExplainersBuilderExtensions
{
    /// <summary>Registers every explainer of the attribution pack.</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddAttributionExplainers(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new AttributionPack(), "pack");
    }
}
