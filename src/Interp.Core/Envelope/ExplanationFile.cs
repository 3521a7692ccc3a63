using System.Text.Json;
using System.Text.Json.Serialization;
using Interp.Explainers.Explanations;

namespace Interp.Core.Envelope;

/// <summary>
/// Writes explanations as the versioned envelope <c>interp.explanation/1</c>:
/// <c>{ schema, kind, level, method, options, seed, model: {path, sha256, format}, labels, quality, ...payload }</c>.
/// Files are written to a temporary name and renamed, so a failed run never leaves a file that looks complete.
/// </summary>
public static class ExplanationFile
{
    /// <summary>The schema id.</summary>
    public const string Schema = "interp.explanation/1";

    private static readonly JsonSerializerOptions OptionsJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the envelope to a stream.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <param name="stream">The stream.</param>
    /// <param name="indented">Indent the JSON.</param>
    public static void Write(Explanation explanation, Stream stream, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, SkipValidation = false });
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("kind", explanation.Kind);
        w.WriteString("level", explanation.Level.ToString().ToLowerInvariant());
        w.WriteString("method", explanation.Method);
        w.WritePropertyName("options");
        if (explanation.Options is null) w.WriteNullValue();
        else JsonSerializer.Serialize(w, explanation.Options, explanation.Options.GetType(), OptionsJson);
        if (explanation.Seed is int seed) w.WriteNumber("seed", seed);
        else w.WriteNull("seed");
        w.WriteStartObject("model");
        w.WriteString("path", explanation.Model?.Path);
        w.WriteString("sha256", explanation.Model?.Sha256);
        w.WriteString("format", explanation.Model?.Format);
        w.WriteEndObject();
        WriteLabels(w, explanation);
        w.WriteStartObject("quality");
        foreach (var (key, values) in explanation.Quality)
        {
            w.WritePropertyName(key);
            JsonArrays.Write(w, values);
        }

        w.WriteEndObject();
        if (explanation.ModelCalls is { } calls)
        {
            w.WriteStartObject("model_calls");
            w.WriteNumber("calls", calls.Calls);
            w.WriteNumber("rows", calls.Rows);
            w.WriteEndObject();
        }

        explanation.WritePayload(w);
        w.WriteEndObject();
    }

    /// <summary>The envelope as a JSON string.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <param name="indented">Indent the JSON.</param>
    public static string ToJson(Explanation explanation, bool indented = false)
    {
        using var ms = new MemoryStream();
        Write(explanation, ms, indented);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes the envelope to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <param name="explanation">The explanation.</param>
    /// <param name="path">The destination.</param>
    /// <param name="indented">Indent the JSON.</param>
    public static void WriteAtomic(Explanation explanation, string path, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Write(explanation, fs, indented);
                fs.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static void WriteLabels(Utf8JsonWriter w, Explanation explanation)
    {
        var labels = explanation.Labels;
        w.WriteStartObject("labels");
        if (labels?.FeatureNames is { } names)
        {
            w.WritePropertyName("feature_names");
            JsonSerializer.Serialize(w, names);
        }

        if (labels?.Tokens is { } tokens)
        {
            w.WritePropertyName("tokens");
            JsonSerializer.Serialize(w, tokens);
        }

        if (labels?.OutputNames is { } outputs)
        {
            w.WritePropertyName("output_names");
            JsonSerializer.Serialize(w, outputs);
        }

        if (labels?.Image is { } image)
        {
            w.WriteStartObject("image");
            w.WriteNumber("channels", image.Channels);
            w.WriteNumber("height", image.Height);
            w.WriteNumber("width", image.Width);
            w.WriteString("layout", image.Layout);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
