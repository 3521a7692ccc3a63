namespace Interp.Core.Configuration;

/// <summary>What to do when a plugin fails to load.</summary>
public enum PluginErrorPolicy
{
    /// <summary>Stop with a clear error.</summary>
    Fail,

    /// <summary>Log a warning and go on without the plugin.</summary>
    Skip,
}
