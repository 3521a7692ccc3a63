using System.Text.Json;
using Interp.Explainers;

namespace Interp.Transformers.Loading;

/// <summary>A HuggingFace <c>config.json</c>, read with messages that name the file and the key.</summary>
internal sealed class HuggingFaceConfig
{
    private readonly JsonElement _root;

    private HuggingFaceConfig(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public static HuggingFaceConfig Read(string folder)
    {
        var path = System.IO.Path.Combine(folder, "config.json");
        if (!File.Exists(path)) throw new InterpException($"Model folder '{folder}' has no config.json (a HuggingFace model folder needs config.json and model.safetensors).");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return new HuggingFaceConfig(path, doc.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            throw new InterpException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>architectures[0], or null.</summary>
    public string? Architecture => _root.TryGetProperty("architectures", out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0 ? a[0].GetString() : null;

    public string? ModelType => String("model_type");

    public string? String(string key) => _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool Has(string key) => _root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public int Int(string key, int? fallback = null)
    {
        if (_root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetInt32();
        return fallback ?? throw new InterpException($"'{Path}': the integer '{key}' is missing.");
    }

    public int? OptionalInt(string key) => _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    public float Float(string key, float fallback) => _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : fallback;

    public bool Bool(string key, bool fallback) => _root.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;
}
