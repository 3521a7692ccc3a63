namespace Interp.Core.Plugins;

/// <summary>What plugin loading did: the plugins loaded and the ones skipped (with <c>Interp:Plugins:OnError=skip</c>).</summary>
public sealed class PluginLoadReport
{
    /// <summary>Loaded plugins: name, source and folder.</summary>
    public List<(string Name, string Source, string Folder)> Loaded { get; } = [];

    /// <summary>Errors of skipped plugins, one line each.</summary>
    public List<string> Skipped { get; } = [];
}
