using Interp.Transformers;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>
/// The cells of a patching grid: every hook point of the site (one row each, in layer order) × every position, or for
/// per-head sites (<c>hook_z</c>, <c>hook_result</c>, <c>hook_q</c>: [batch, pos, head, ...]) × every head, optionally
/// × every position.
/// </summary>
internal sealed class PatchingGrid
{
    private static readonly Dictionary<string, string> Sites = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resid_pre"] = "blocks.*.hook_resid_pre",
        ["resid_mid"] = "blocks.*.hook_resid_mid",
        ["resid_post"] = "blocks.*.hook_resid_post",
        ["attn_out"] = "blocks.*.hook_attn_out",
        ["mlp_out"] = "blocks.*.hook_mlp_out",
        ["z"] = "blocks.*.attn.hook_z",
        ["result"] = "blocks.*.attn.hook_result",
    };

    private PatchingGrid(string site, IReadOnlyList<string> rows, bool perHead, bool perPosition, int heads, int positions)
    {
        Site = site;
        Rows = rows;
        PerHead = perHead;
        PerPosition = perPosition;
        Heads = heads;
        Positions = positions;
        var cells = new List<PatchCell>();
        for (int r = 0; r < rows.Count; r++)
        {
            if (!perHead)
            {
                for (int p = 0; p < positions; p++) cells.Add(new PatchCell(r, -1, p));
            }
            else
            {
                for (int h = 0; h < heads; h++)
                {
                    if (perPosition) for (int p = 0; p < positions; p++) cells.Add(new PatchCell(r, h, p));
                    else cells.Add(new PatchCell(r, h, -1));
                }
            }
        }

        Cells = cells;
    }

    /// <summary>The site as given.</summary>
    public string Site { get; }

    /// <summary>The hook point of each row.</summary>
    public IReadOnlyList<string> Rows { get; }

    /// <summary>Whether cells are heads.</summary>
    public bool PerHead { get; }

    /// <summary>Whether head cells are also split by position.</summary>
    public bool PerPosition { get; }

    /// <summary>Heads per row (per-head sites).</summary>
    public int Heads { get; }

    /// <summary>Positions.</summary>
    public int Positions { get; }

    /// <summary>Every cell, row-major in the order of <see cref="Shape"/>.</summary>
    public IReadOnlyList<PatchCell> Cells { get; }

    /// <summary>The glob the rows were matched with.</summary>
    public string Glob => Sites.TryGetValue(Site, out var g) ? g : Site;

    /// <summary>Axis names.</summary>
    public IReadOnlyList<string> Axes => !PerHead ? ["layer", "position"] : PerPosition ? ["layer", "head", "position"] : ["layer", "head"];

    /// <summary>The grid's shape.</summary>
    public int[] Shape => !PerHead ? [Rows.Count, Positions] : PerPosition ? [Rows.Count, Heads, Positions] : [Rows.Count, Heads];

    /// <summary>Resolves the site (a short name or any hook name/glob) on the transformer.</summary>
    public static PatchingGrid Create(HookedTransformer t, string site, bool perPosition, int positions, string method)
    {
        var glob = Sites.TryGetValue(site, out var g) ? g : site;
        var rows = HookNames.Matching(t.HookPointNames, glob);
        if (rows.Count == 0)
        {
            throw new InterpException(
                $"{method}: Site '{site}' matches no hook point; use {string.Join(", ", Sites.Keys)} or a hook name such as {t.HookPointNames[Math.Min(1, t.HookPointNames.Count - 1)]}.")
            { IsConfigurationError = true };
        }

        bool perHead = rows.All(IsHeadSite);
        if (!perHead && rows.Any(IsHeadSite)) throw new InterpException($"{method}: Site '{site}' mixes per-head and per-position hook points.") { IsConfigurationError = true };
        return new PatchingGrid(site, rows, perHead, perHead && perPosition, t.Config.NHeads, positions);
    }

    private static bool IsHeadSite(string name) =>
        name.EndsWith(".hook_z", StringComparison.Ordinal) || name.EndsWith(".hook_result", StringComparison.Ordinal)
        || name.EndsWith(".attn.hook_q", StringComparison.Ordinal);
}
