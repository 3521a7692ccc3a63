using System.Reflection;
using Interp.Explainers;
using Interp.Explainers.Plugins;

namespace Interp.Core.Plugins;

/// <summary>
/// Finds plugins in folders: a folder holding a <c>*.deps.json</c> is one plugin (its main assembly is the
/// matching <c>.dll</c>); otherwise each sub-folder is tried. The main assembly must carry
/// <see cref="InterpPluginAttribute"/>.
/// </summary>
public static class PluginLoader
{
    private const string ContractsFile = "Interp.Explainers.Abstractions.dll";

    /// <summary>The plugin folders under <paramref name="root"/> (itself, or its immediate sub-folders).</summary>
    /// <param name="root">A folder from <c>Interp:PluginPaths</c>.</param>
    /// <exception cref="InterpException">The folder does not exist.</exception>
    public static IReadOnlyList<string> FindPluginFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new InterpException($"Plugin folder '{root}' (Interp:PluginPaths) does not exist.") { IsConfigurationError = true };
        }

        if (Directory.EnumerateFiles(root, "*.deps.json").Any()) return [root];
        return Directory.EnumerateDirectories(root)
            .Where(d => Directory.EnumerateFiles(d, "*.deps.json").Any())
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads the plugin in <paramref name="folder"/> into its own load context and creates its entry type.</summary>
    /// <param name="folder">A plugin folder.</param>
    /// <exception cref="InterpException">No plugin assembly, its own copy of the contracts, or no usable entry type.</exception>
    public static IInterpPlugin Load(string folder)
    {
        if (File.Exists(Path.Combine(folder, ContractsFile)))
        {
            throw new InterpException(
                $"Plugin folder '{folder}' ships its own copy of {ContractsFile}; reference the contracts with " +
                "<Private>false</Private><ExcludeAssets>runtime</ExcludeAssets> so the host's copy is shared.");
        }

        var deps = Directory.EnumerateFiles(folder, "*.deps.json").Order(StringComparer.Ordinal).ToList();
        foreach (var depsFile in deps)
        {
            var main = Path.Combine(folder, Path.GetFileName(depsFile)[..^".deps.json".Length] + ".dll");
            if (!File.Exists(main)) continue;
            var context = new PluginLoadContext(main);
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(Path.GetFullPath(main));
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new InterpException($"Plugin assembly '{main}' could not be loaded: {ex.Message}", ex);
            }

            var attribute = assembly.GetCustomAttribute<InterpPluginAttribute>();
            if (attribute is null) continue;
            if (!typeof(IInterpPlugin).IsAssignableFrom(attribute.EntryType))
            {
                throw new InterpException($"Plugin '{main}': entry type {attribute.EntryType.FullName} does not implement IInterpPlugin.");
            }

            try
            {
                return (IInterpPlugin)Activator.CreateInstance(attribute.EntryType)!;
            }
            catch (Exception ex)
            {
                var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
                throw new InterpException($"Plugin '{main}': creating {attribute.EntryType.FullName} threw {inner.GetType().Name}: {inner.Message}", inner);
            }
        }

        throw new InterpException($"Plugin folder '{folder}' has no assembly marked [assembly: InterpPlugin(typeof(...))].");
    }
}
