using System.Globalization;
using Interp.Explainers.Explanations;
using Spectre.Console;

namespace Interp.Cli.Mechanistic;

/// <summary>Readable terminal tables of the mechanistic explanations.</summary>
internal static class MechanisticTables
{
    private const int MaxColumns = 24;

    /// <summary>Per layer and head: where the last query position looks (its top key and weight).</summary>
    public static void Attention(Explanation e, IReadOnlyList<string> tokens)
    {
        var a = (AttentionExplanation)e;
        int layers = a.Patterns.Shape[0], heads = a.Patterns.Shape[1], q = a.Patterns.Shape[2], k = a.Patterns.Shape[3];
        var table = new Table().Title($"attention of the last token ({Markup.Escape(Label(tokens, q - 1))}): top key per head").AddColumn("layer");
        for (int h = 0; h < heads; h++) table.AddColumn("H" + h.ToString(CultureInfo.InvariantCulture));
        for (int l = 0; l < layers; l++)
        {
            var row = new List<string> { l.ToString(CultureInfo.InvariantCulture) };
            for (int h = 0; h < heads; h++)
            {
                int offset = ((((l * heads) + h) * q) + (q - 1)) * k;
                int best = 0;
                for (int j = 1; j < k; j++) if (a.Patterns.Data[offset + j] > a.Patterns.Data[offset + best]) best = j;
                row.Add(Markup.Escape($"{Label(tokens, best)}@{best} {a.Patterns.Data[offset + best]:0.00}"));
            }

            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Layer × position: the lens's top token and its probability.</summary>
    public static void Lens(Explanation e, IReadOnlyList<string> tokens)
    {
        var lens = (LensExplanation)e;
        int rows = lens.TopTokens.Shape[0], pos = lens.TopTokens.Shape[1], k = lens.TopTokens.Shape[2];
        int shown = Math.Min(pos, MaxColumns);
        var table = new Table().Title("logit lens: top token (probability) per layer × position").AddColumn("layer");
        for (int p = pos - shown; p < pos; p++) table.AddColumn(Markup.Escape(Label(tokens, p)));
        for (int r = 0; r < rows; r++)
        {
            var row = new List<string> { Markup.Escape(ShortHook(lens.LayerNames[r])) };
            for (int p = pos - shown; p < pos; p++)
            {
                int i = ((r * pos) + p) * k;
                int token = lens.TopTokens.Data[i];
                float prob = lens.TopProbabilities.Data[i];
                var text = Markup.Escape($"{(lens.TokenTexts is { } texts && texts.TryGetValue(token, out var t) ? t : token.ToString(CultureInfo.InvariantCulture))} {prob:0.00}");
                row.Add(prob >= 0.5 ? $"[bold]{text}[/]" : text);
            }

            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The patching grid (normalised effects), rows by layer (and head).</summary>
    public static void Patching(Explanation e, IReadOnlyList<string> tokens)
    {
        var p = (PatchingExplanation)e;
        var shape = p.Effects.Shape;
        int rows = shape.Count == 3 ? shape[0] * shape[1] : shape[0];
        int cols = shape.Count == 2 ? shape[1] : shape[2];
        bool byPosition = p.Axes[^1] == "position";
        var table = new Table()
            .Title(Markup.Escape($"{p.Method} of {p.HookPoint} ({p.Direction}, {p.Metric}: clean {p.CleanMetric:0.###}, corrupted {p.CorruptedMetric:0.###}); (patched − corrupted) / (clean − corrupted)"))
            .AddColumn(shape.Count == 3 ? "layer.head" : "layer");
        int shown = Math.Min(cols, MaxColumns);
        for (int c = cols - shown; c < cols; c++) table.AddColumn(Markup.Escape(byPosition ? Label(tokens, c) : "H" + c.ToString(CultureInfo.InvariantCulture)));
        for (int r = 0; r < rows; r++)
        {
            var row = new List<string> { shape.Count == 3 ? $"{r / shape[1]}.{r % shape[1]}" : r.ToString(CultureInfo.InvariantCulture) };
            for (int c = cols - shown; c < cols; c++)
            {
                float v = p.Effects.Data[(r * cols) + c];
                var text = v.ToString("0.00", CultureInfo.InvariantCulture);
                row.Add(Math.Abs(v) >= 0.5 ? $"[bold]{text}[/]" : text);
            }

            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Head × detector scores.</summary>
    public static void Heads(Explanation e, IReadOnlyList<string> tokens)
    {
        var h = (HeadScoresExplanation)e;
        int d = h.Scores.Shape[0], layers = h.Scores.Shape[1], heads = h.Scores.Shape[2];
        var table = new Table().Title("head detectors: mean attention on the detector's targets").AddColumn("layer.head");
        foreach (var name in h.Detectors) table.AddColumn(name);
        for (int i = 0; i < layers * heads; i++)
        {
            var row = new List<string> { $"{i / heads}.{i % heads}" };
            for (int k = 0; k < d; k++)
            {
                float v = h.Scores.Data[(k * layers * heads) + i];
                var text = v.ToString("0.00", CultureInfo.InvariantCulture);
                row.Add(v >= 0.5 ? $"[bold]{text}[/]" : text);
            }

            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Components' direct logit attributions, largest first.</summary>
    public static void Decomposition(Explanation e, IReadOnlyList<string> tokens)
    {
        var dla = (DecompositionExplanation)e;
        var table = new Table()
            .Title(Markup.Escape($"direct logit attribution to {dla.Target} at position {dla.Position} ({Label(tokens, dla.Position)}): model {dla.TargetValue:0.####}, bias terms {dla.BiasTerms:0.####}"))
            .AddColumn("component").AddColumn("contribution");
        foreach (var i in Enumerable.Range(0, dla.Components.Count).OrderByDescending(i => Math.Abs(dla.Contributions[i])).Take(20))
        {
            table.AddRow(Markup.Escape(dla.Components[i]), dla.Contributions[i].ToString("0.####", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static string Label(IReadOnlyList<string> tokens, int p) => p < tokens.Count ? tokens[p] : p.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>blocks.3.hook_resid_post</c> → <c>3 resid_post</c>.</summary>
    private static string ShortHook(string name) => name.StartsWith("blocks.", StringComparison.Ordinal)
        ? name["blocks.".Length..].Replace(".hook_", " ", StringComparison.Ordinal)
        : name;
}
