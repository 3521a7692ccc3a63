using System.Text.Json;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>Reads <c>top_contexts</c> of an SAE feature envelope (property names in either case: <c>Tokens</c>/<c>tokens</c>, ...).</summary>
internal static class SaeContexts
{
    public sealed record Context(string[] Tokens, float?[] Activations, double Max);

    public static List<Context> Read(ReportEnvelope e)
    {
        var result = new List<Context>();
        if (e.Get("top_contexts") is not { ValueKind: JsonValueKind.Array } list) return result;
        foreach (var c in list.EnumerateArray())
        {
            var tokens = Prop(c, "tokens") is { ValueKind: JsonValueKind.Array } t ? t.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [];
            var acts = Prop(c, "activations") is { } a ? Values.Finite(NestedArray.Read(a, "top_contexts.activations").Data) : [];
            double max = Prop(c, "max_activation") is { ValueKind: JsonValueKind.Number } m ? m.GetDouble()
                : acts.Length == 0 ? double.NaN : acts.Max(v => v ?? float.MinValue);
            result.Add(new Context(tokens, acts, max));
        }

        return result;
    }

    public static JsonElement? Prop(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name.Replace("_", string.Empty, StringComparison.Ordinal), name.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)) return p.Value;
        }

        return null;
    }
}
