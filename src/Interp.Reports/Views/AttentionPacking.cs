using System.Globalization;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>
/// Packs an attention tensor [layers, heads, queries, keys] for a page within a byte budget: float32 when it fits,
/// else float16 (error ≤ 2⁻¹¹ on probabilities), else the top-k keys per query (key indices as uint16, values as
/// float16), with k lowered until it fits. Every step down adds a note the page shows.
/// </summary>
internal static class AttentionPacking
{
    public static Dictionary<string, object?> Pack(double[] data, int layers, int heads, int queries, int keys, long budget, int topK, List<string> notes)
    {
        long count = (long)layers * heads * queries * keys;
        int[] shape = [layers, heads, queries, keys];
        var values = new float[count];
        for (long i = 0; i < count; i++) values[i] = double.IsFinite(data[i]) ? (float)data[i] : 0f;
        long f32 = Encoded.Base64Size(count, 4), f16 = Encoded.Base64Size(count, 2);
        if (f32 <= budget) return Dense(Encoded.F32(values, shape));
        if (f16 <= budget)
        {
            notes.Add($"Attention patterns ({Describe(shape)}) are stored as float16 to stay within the {Mb(budget)} data budget (float32 would take {Mb(f32)}); values are exact to 5e-4.");
            return Dense(Encoded.F16(values, shape));
        }

        int k = Math.Min(topK, keys);
        while (k > 1 && 2 * Encoded.Base64Size((long)layers * heads * queries * k, 2) > budget) k--;
        var index = new int[layers * heads * queries * k];
        var kept = new float[index.Length];
        double mass = 0;
        var order = new int[keys];
        for (int row = 0; row < layers * heads * queries; row++)
        {
            int offset = row * keys;
            for (int j = 0; j < keys; j++) order[j] = j;
            Array.Sort(order, (x, y) => values[offset + y].CompareTo(values[offset + x]));
            double rowTotal = 0, rowKept = 0;
            for (int j = 0; j < keys; j++) rowTotal += values[offset + j];
            for (int j = 0; j < k; j++)
            {
                index[(row * k) + j] = order[j];
                kept[(row * k) + j] = values[offset + order[j]];
                rowKept += values[offset + order[j]];
            }

            mass += rowTotal > 0 ? rowKept / rowTotal : 1;
        }

        double coverage = mass / (layers * heads * queries);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Attention patterns ({Describe(shape)}, {Mb(f32)} as float32) exceed the {Mb(budget)} data budget: the page keeps the top {k} keys of every query as float16 ({coverage:P1} of the attention mass on average); other lines and cells are not drawn."));
        return new Dictionary<string, object?>
        {
            ["type"] = "topk",
            ["k"] = k,
            ["coverage"] = coverage,
            ["index"] = Encoded.U16(index, [layers, heads, queries, k]),
            ["values"] = Encoded.F16(kept, [layers, heads, queries, k]),
        };
    }

    private static Dictionary<string, object?> Dense(Dictionary<string, object?> encoded) => new() { ["type"] = "dense", ["values"] = encoded };

    private static string Describe(int[] s) => $"{s[0]} layers × {s[1]} heads × {s[2]} × {s[3]} tokens";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB");
}
