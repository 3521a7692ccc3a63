namespace Interp.Core.Configuration;

/// <summary>Configuration keys of Interp.</summary>
public static class ConfigurationKeys
{
    /// <summary><c>Interp:Device</c>.</summary>
    public const string Device = "Interp:Device";

    /// <summary><c>Interp:FallbackToCpu</c>.</summary>
    public const string FallbackToCpu = "Interp:FallbackToCpu";

    /// <summary><c>Interp:MaxBatchBytes</c>.</summary>
    public const string MaxBatchBytes = "Interp:MaxBatchBytes";

    /// <summary><c>Interp:PluginPaths</c>.</summary>
    public const string PluginPaths = "Interp:PluginPaths";

    /// <summary><c>Interp:Plugins:OnError</c>.</summary>
    public const string PluginsOnError = "Interp:Plugins:OnError";

    /// <summary><c>Interp:Explainers</c>: one child section per explainer name.</summary>
    public const string Explainers = "Interp:Explainers";
}
