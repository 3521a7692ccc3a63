using System.ComponentModel.DataAnnotations;

namespace Interp.Core.Configuration;

/// <summary>Global settings under the <c>Interp</c> configuration section.</summary>
public sealed class InterpSettings
{
    /// <summary>The section name.</summary>
    public const string SectionName = "Interp";

    /// <summary><c>auto</c> (CUDA when a backend finds one, else CPU), <c>cpu</c> or <c>cuda:N</c>. Key <c>Interp:Device</c>.</summary>
    [Required]
    [RegularExpression(@"^(?i)(auto|cpu|cuda(:\d+)?)$", ErrorMessage = "Interp:Device must be auto, cpu or cuda:N.")]
    public string Device { get; set; } = "auto";

    /// <summary>Use the CPU (with a warning) when <c>cuda:N</c> is asked for but unusable. Key <c>Interp:FallbackToCpu</c>.</summary>
    public bool FallbackToCpu { get; set; } = true;

    /// <summary>Memory budget of one model call's inputs and outputs, in bytes. Key <c>Interp:MaxBatchBytes</c>.</summary>
    [Range(1024L, long.MaxValue, ErrorMessage = "Interp:MaxBatchBytes must be at least 1024.")]
    public long MaxBatchBytes { get; set; } = Explainers.Hosting.BatchPlanner.DefaultMaxBatchBytes;

    /// <summary>Folders scanned for plugins (relative paths are relative to the application folder). Key <c>Interp:PluginPaths</c>.</summary>
    public List<string> PluginPaths { get; set; } = [];

    /// <summary>Plugin loading policy. Key <c>Interp:Plugins</c>.</summary>
    public PluginSettings Plugins { get; set; } = new();
}
