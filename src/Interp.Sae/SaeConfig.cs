using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interp.Sae;

/// <summary>
/// What an SAE is (SAELens' <c>SAEConfig</c>): its architecture name, sizes and the hook it reads. Saved next to the
/// weights as JSON with SAELens' field names (<c>architecture</c>, <c>d_in</c>, <c>d_sae</c>, <c>hook_name</c>, <c>k</c>,
/// <c>apply_b_dec_to_input</c>).
/// </summary>
/// <param name="Architecture">Registered architecture name (<c>standard</c>, <c>topk</c>, <c>jumprelu</c>, <c>gated</c>, or a plugin's).</param>
/// <param name="DIn">Input width (<c>d_in</c>, the hook's d_model).</param>
/// <param name="DSae">Number of features (<c>d_sae</c>).</param>
public sealed record SaeConfig(string Architecture, int DIn, int DSae)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The hook point the SAE reads and replaces (<c>hook_name</c>, e.g. <c>blocks.2.hook_resid_post</c>).</summary>
    public string HookName { get; init; } = "";

    /// <summary>Active features per token of <c>topk</c> (<c>k</c>); 0 for other architectures.</summary>
    public int K { get; init; }

    /// <summary>Subtract <c>b_dec</c> from the input before encoding (<c>apply_b_dec_to_input</c>, SAELens' default true).</summary>
    public bool ApplyBDecToInput { get; init; } = true;

    /// <summary>Extra numeric settings for plugin architectures (by name); null when none.</summary>
    public IReadOnlyDictionary<string, double>? Settings { get; init; }

    /// <summary>The config as JSON (SAELens field names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a config written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    public static SaeConfig FromJson(string json) =>
        JsonSerializer.Deserialize<SaeConfig>(json, Json) ?? throw new InvalidDataException("Empty SAE config.");

    /// <summary>Checks sizes; architectures check their own fields.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public void ValidateSizes()
    {
        if (string.IsNullOrWhiteSpace(Architecture)) throw new ArgumentException("SaeConfig.Architecture is empty.");
        if (DIn <= 0) throw new ArgumentException($"SaeConfig.DIn (d_in) must be positive, got {DIn}.");
        if (DSae <= 0) throw new ArgumentException($"SaeConfig.DSae (d_sae) must be positive, got {DSae}.");
    }
}
