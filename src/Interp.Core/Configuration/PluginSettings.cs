namespace Interp.Core.Configuration;

/// <summary>Settings under <c>Interp:Plugins</c>.</summary>
public sealed class PluginSettings
{
    /// <summary>What a plugin that fails to load does: <c>fail</c> (default) stops start-up, <c>skip</c> logs a warning. Key <c>Interp:Plugins:OnError</c>.</summary>
    public PluginErrorPolicy OnError { get; set; } = PluginErrorPolicy.Fail;
}
