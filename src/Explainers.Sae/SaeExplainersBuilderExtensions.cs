using Interp.Explainers.Hosting;
using Interp.Explainers.Sae;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the concept-level (SAE) pack to an Interp host when the pack is referenced directly (not loaded from a folder).</summary>
public static class SaeExplainersBuilderExtensions
{
    /// <summary>Registers <c>SaeFeatures</c> and <c>LinearProbe</c>.</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddSaeExplainers(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new SaePack(), "pack");
    }
}
