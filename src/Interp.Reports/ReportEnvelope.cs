using System.Text.Json;
using Interp.Core.Envelope;
using Interp.Explainers;
using Interp.Explainers.Explanations;

namespace Interp.Reports;

/// <summary>
/// A saved explanation envelope (<c>interp.explanation/1</c>) read for rendering: its common fields and the raw JSON
/// payload the views read. Loading checks the schema and the kind; anything else is a clear <see cref="InterpException"/>.
/// </summary>
public sealed class ReportEnvelope
{
    private ReportEnvelope(string source, JsonElement root)
    {
        Source = source;
        Root = root;
        Kind = root.GetProperty("kind").GetString()!;
        Method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "unknown";
        Level = root.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "unknown";
        Quality = ReadQuality(source, root);
    }

    /// <summary>Where the envelope came from (a file path or a name).</summary>
    public string Source { get; }

    /// <summary>The explanation family, e.g. <c>shap</c>, <c>attribution</c>, <c>attention</c>.</summary>
    public string Kind { get; }

    /// <summary>The explainer's registry name.</summary>
    public string Method { get; }

    /// <summary>The explainer's level (global, local, concept, mechanistic).</summary>
    public string Level { get; }

    /// <summary>The whole envelope.</summary>
    public JsonElement Root { get; }

    /// <summary>Quality numbers by name (one value per example where per-example).</summary>
    public IReadOnlyDictionary<string, double[]> Quality { get; }

    /// <summary>A short file-name stem for this envelope's page (the source file's name without extension).</summary>
    public string Stem => Path.GetFileNameWithoutExtension(Source) is { Length: > 0 } s ? s : Kind;

    /// <summary>Reads and checks an envelope file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InterpException">The file is missing, not JSON, truncated, not an envelope, or of an unknown kind.</exception>
    public static ReportEnvelope Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"{path}: no such file.");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new InterpException($"{path}: cannot be read ({ex.Message}).", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks envelope JSON.</summary>
    /// <param name="json">The envelope text.</param>
    /// <param name="source">A name for messages and file names.</param>
    /// <exception cref="InterpException">Not JSON, truncated, not an envelope, or of an unknown kind.</exception>
    public static ReportEnvelope Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(source);
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line ? $" at line {line + 1}" : string.Empty;
            var truncated = ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase)
                ? " (the file looks truncated)" : string.Empty;
            throw new InterpException($"{source}: not valid JSON{where}{truncated}: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
        {
            throw new InterpException($"{source}: not an Interp explanation envelope (no \"schema\": \"{ExplanationFile.Schema}\").");
        }

        if (schema.GetString() != ExplanationFile.Schema)
        {
            throw new InterpException($"{source}: unsupported envelope schema '{schema.GetString()}'; this version reads '{ExplanationFile.Schema}'.");
        }

        if (!root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String)
        {
            throw new InterpException($"{source}: the envelope has no \"kind\".");
        }

        if (!ReportKinds.Known.Contains(kind.GetString()!))
        {
            throw new InterpException($"{source}: unknown explanation kind '{kind.GetString()}'; reports know {string.Join(", ", ReportKinds.Known)}.");
        }

        return new ReportEnvelope(source, root);
    }

    /// <summary>An in-memory explanation as an envelope (what <see cref="ExplanationFile"/> would write).</summary>
    /// <param name="explanation">The explanation.</param>
    /// <param name="name">A name for the page (used as the file stem).</param>
    public static ReportEnvelope FromExplanation(Explanation explanation, string name)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return Parse(ExplanationFile.ToJson(explanation), name);
    }

    /// <summary>A payload property, or null when absent or JSON null.</summary>
    /// <param name="name">The property name.</param>
    public JsonElement? Get(string name) =>
        Root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A payload property that must be present.</summary>
    /// <param name="name">The property name.</param>
    /// <exception cref="InterpException">It is missing.</exception>
    public JsonElement Require(string name) =>
        Get(name) ?? throw new InterpException($"{Source}: an envelope of kind '{Kind}' needs \"{name}\", which is missing.");

    /// <summary>A label list under <c>labels</c> (e.g. <c>feature_names</c>, <c>tokens</c>), or null.</summary>
    /// <param name="name">The label name.</param>
    public IReadOnlyList<string>? Labels(string name)
    {
        if (Get("labels") is not { ValueKind: JsonValueKind.Object } labels || !labels.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array) return null;
        return list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToArray();
    }

    private static Dictionary<string, double[]> ReadQuality(string source, JsonElement root)
    {
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (!root.TryGetProperty("quality", out var quality) || quality.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in quality.EnumerateObject())
        {
            try
            {
                result[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? [p.Value.GetDouble()] : Json.NestedArray.Read(p.Value, "quality." + p.Name).Data;
            }
            catch (InterpException ex)
            {
                throw new InterpException($"{source}: {ex.Message}", ex);
            }
        }

        return result;
    }
}
