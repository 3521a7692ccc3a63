using System.Globalization;
using Interp.Explainers;
using Interp.Sae.IO;

namespace Interp.Sae.Training;

/// <summary>
/// Reads and writes training checkpoints: one safetensors file (arrays + string metadata, format
/// <c>interp.sae.checkpoint/1</c>), written to a temporary file and renamed over the previous checkpoint, so an
/// interrupted write leaves the previous checkpoint intact.
/// </summary>
public static class SaeCheckpoint
{
    /// <summary>The format tag in the metadata.</summary>
    public const string Format = "interp.sae.checkpoint/1";

    /// <summary>Writes a checkpoint atomically.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="data">Its content.</param>
    /// <param name="decorate">Wraps the output stream (tests inject failures through it).</param>
    public static void Write(string path, SaeCheckpointData data, Func<Stream, Stream>? decorate = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var arrays = new Dictionary<string, NamedArray>(data.Arrays, StringComparer.Ordinal);
        foreach (var (k, v) in data.Source.Arrays) arrays["source." + k] = v;
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["architecture"] = data.Config.Architecture,
            ["cfg"] = data.Config.ToJson(),
            ["options"] = data.OptionsFingerprint,
            ["source_fingerprint"] = data.SourceFingerprint,
            ["source_kind"] = data.Source.Kind,
            ["step"] = data.Step.ToString(CultureInfo.InvariantCulture),
            ["adam_steps"] = data.AdamSteps.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in data.Source.Values) meta["source." + k] = v;
        SafeTensorsFile.Write(path, arrays, meta, decorate);
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <exception cref="InterpException">Missing, truncated, or not a checkpoint (the message names the file).</exception>
    public static SaeCheckpointData Read(string path)
    {
        Dictionary<string, NamedArray> arrays;
        Dictionary<string, string> meta;
        try
        {
            (arrays, meta) = SafeTensorsFile.Read(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InterpException($"Checkpoint '{path}' cannot be read: {ex.Message}", ex);
        }

        if (!meta.TryGetValue("format", out var format) || format != Format)
        {
            throw new InterpException($"'{path}' is not an SAE training checkpoint (format '{format ?? "none"}', expected '{Format}').");
        }

        var sourceArrays = arrays.Where(p => p.Key.StartsWith("source.", StringComparison.Ordinal)).ToDictionary(p => p.Key["source.".Length..], p => p.Value, StringComparer.Ordinal);
        var own = arrays.Where(p => !p.Key.StartsWith("source.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var sourceValues = meta.Where(p => p.Key.StartsWith("source.", StringComparison.Ordinal)).ToDictionary(p => p.Key["source.".Length..], p => p.Value, StringComparer.Ordinal);
        return new SaeCheckpointData(
            SaeConfig.FromJson(meta["cfg"]),
            meta["options"],
            meta["source_fingerprint"],
            int.Parse(meta["step"], CultureInfo.InvariantCulture),
            long.Parse(meta["adam_steps"], CultureInfo.InvariantCulture),
            own,
            new BatchSourceState(meta["source_kind"], sourceValues, sourceArrays));
    }
}
