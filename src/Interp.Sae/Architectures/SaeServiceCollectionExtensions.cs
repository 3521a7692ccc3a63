using Interp.Sae.Architectures;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SAE architectures and their registry.</summary>
public static class SaeServiceCollectionExtensions
{
    /// <summary>Registers the built-in architectures and <see cref="SaeArchitectureRegistry"/> (idempotent).</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddSae(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var a in SaeArchitectureRegistry.BuiltIn())
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ISaeArchitecture), a.GetType()));
        }

        services.TryAddSingleton<SaeArchitectureRegistry>();
        return services;
    }

    /// <summary>Adds an architecture (a plugin calls this from its <c>Register</c> with <c>registrar.Services</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="architecture">The architecture; its name must be new (checked when the registry is built).</param>
    public static IServiceCollection AddSaeArchitecture(this IServiceCollection services, ISaeArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(architecture);
        services.AddSingleton(architecture);
        services.TryAddSingleton<SaeArchitectureRegistry>();
        return services;
    }

    /// <summary>Adds an architecture type with a parameterless or DI-resolvable constructor.</summary>
    /// <typeparam name="TArchitecture">The architecture type.</typeparam>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddSaeArchitecture<TArchitecture>(this IServiceCollection services)
        where TArchitecture : class, ISaeArchitecture
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ISaeArchitecture, TArchitecture>();
        services.TryAddSingleton<SaeArchitectureRegistry>();
        return services;
    }
}
