namespace Interp.Reports.Views;

/// <summary>The feature index: one row per SAE feature page (index, hook point, density, strongest activation, top tokens), linked.</summary>
internal static class FeatureIndexView
{
    public static object Build(IReadOnlyList<(ReportEnvelope Envelope, string Href)> features)
    {
        var rows = features.Select(f =>
        {
            var contexts = SaeContexts.Read(f.Envelope);
            var topTokens = contexts
                .SelectMany(c => c.Tokens.Select((t, i) => (Token: t, Act: i < c.Activations.Length ? c.Activations[i] ?? 0 : 0)))
                .OrderByDescending(p => p.Act).Select(p => p.Token).Distinct().Take(5).ToArray();
            return new Dictionary<string, object?>
            {
                ["href"] = f.Href,
                ["feature"] = f.Envelope.Get("feature_index")?.GetInt32(),
                ["hook_point"] = f.Envelope.Get("hook_point")?.GetString(),
                ["density"] = f.Envelope.Get("density")?.GetDouble(),
                ["max"] = contexts.Count == 0 ? null : Json.Values.Number(contexts.Max(c => c.Max)),
                ["top_tokens"] = topTokens,
            };
        }).ToArray();
        return new Dictionary<string, object?> { ["features"] = rows };
    }
}
