using System.Reflection;
using System.Runtime.Loader;

namespace Interp.Core.Plugins;

/// <summary>
/// One load context per plugin folder. The contracts, Interp.Sae (whose architecture types SAE plugins implement), the TorchSharp backend and hooked transformers (whose model types
/// explainers receive), Microsoft.Extensions.*, Microsoft.ML*, TorchSharp and ONNX Runtime come from the host (default context) so their types are shared and their native state is loaded once;
/// everything else the plugin ships is loaded privately.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string mainAssemblyPath)
        : base(name: Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    /// <summary>True for assemblies that must come from the host.</summary>
    public static bool IsShared(string? name) =>
        name is not null && (
            name == "Interp.Explainers.Abstractions" ||
            name == "Interp.Sae" ||
            name == "Interp.Backends.TorchSharp" ||
            name == "Interp.Transformers" ||
            name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) ||
            name.StartsWith("Microsoft.ML", StringComparison.Ordinal) ||
            name == "TorchSharp" ||
            name.StartsWith("System.", StringComparison.Ordinal) ||
            name is "netstandard" or "mscorlib");

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName.Name)) return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
