using System.Text.Json;
using System.Text.Json.Serialization;
using Interp.Explainers;
using Interp.Sae.IO;

namespace Interp.Sae.Store;

/// <summary>
/// <c>manifest.json</c> of an activation store: what was collected and which shards are complete. Only shards listed
/// here are read; the manifest is rewritten atomically after each shard is renamed into place.
/// </summary>
public sealed record ActivationStoreManifest
{
    /// <summary>The manifest file name inside a store folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format tag.</summary>
    public const string CurrentFormat = "interp.activation-store/1";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Format tag (<see cref="CurrentFormat"/>).</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The hook point.</summary>
    public required string HookName { get; init; }

    /// <summary>Activation width.</summary>
    public required int DModel { get; init; }

    /// <summary>Element type (<c>float32</c>).</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Records per full shard.</summary>
    public required int ShardRows { get; init; }

    /// <summary>The source's fingerprint (model, corpus, hook, settings).</summary>
    public required string Source { get; init; }

    /// <summary>Completed shards in order.</summary>
    public IReadOnlyList<ActivationShardEntry> Shards { get; init; } = [];

    /// <summary>Rows in completed shards.</summary>
    public long Rows { get; init; }

    /// <summary>True once the source was exhausted and the last (partial) shard written.</summary>
    public bool Complete { get; init; }

    /// <summary>Writes the manifest atomically into <paramref name="directory"/>.</summary>
    /// <param name="directory">The store folder.</param>
    public void Save(string directory) =>
        AtomicFile.Write(Path.Combine(directory, FileName), s => JsonSerializer.Serialize(s, this, Json));

    /// <summary>Reads the manifest of a store folder, or null when there is none.</summary>
    /// <param name="directory">The store folder.</param>
    /// <exception cref="InterpException">The manifest is unreadable.</exception>
    public static ActivationStoreManifest? TryLoad(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var m = JsonSerializer.Deserialize<ActivationStoreManifest>(File.ReadAllBytes(path), Json) ?? throw new InterpException($"Activation store manifest '{path}' is empty.");
            if (m.Format != CurrentFormat) throw new InterpException($"Activation store manifest '{path}' has format '{m.Format}', expected '{CurrentFormat}'.");
            return m;
        }
        catch (JsonException ex)
        {
            throw new InterpException($"Activation store manifest '{path}' is not valid: {ex.Message}", ex);
        }
    }
}
