using Interp.Explainers.Hosting;
using Interp.Explainers.Mechanistic;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the mechanistic pack to an Interp host when the pack is referenced directly (not loaded from a folder).</summary>
public static class MechanisticExplainersBuilderExtensions
{
    /// <summary>Registers every explainer of the mechanistic pack.</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddMechanisticExplainers(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new MechanisticPack(), "pack");
    }
}
