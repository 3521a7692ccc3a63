using System.Text.Json;

namespace Interp.Reports.Tests;

/// <summary>An independent decoder of the page's packed arrays (base64 little-endian f32/f16/u16), to check what the page draws.</summary>
internal static class Packed
{
    public static float[] Decode(JsonElement encoded)
    {
        var bytes = Convert.FromBase64String(encoded.GetProperty("b64").GetString()!);
        return encoded.GetProperty("dtype").GetString() switch
        {
            "f32" => Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray(),
            "f16" => Enumerable.Range(0, bytes.Length / 2).Select(i => (float)BitConverter.ToHalf(bytes, 2 * i)).ToArray(),
            "u16" => Enumerable.Range(0, bytes.Length / 2).Select(i => (float)BitConverter.ToUInt16(bytes, 2 * i)).ToArray(),
            var other => throw new InvalidOperationException("unexpected dtype " + other),
        };
    }

    /// <summary>Pattern value (l, h, q, k) from an attention view's data (dense or top-k).</summary>
    public static float Attention(JsonElement data, int l, int h, int q, int k)
    {
        int heads = data.GetProperty("heads").GetInt32(), queries = data.GetProperty("queries").GetInt32(), keys = data.GetProperty("keys").GetInt32();
        var p = data.GetProperty("patterns");
        if (p.GetProperty("type").GetString() == "dense") return Decode(p.GetProperty("values"))[((((l * heads) + h) * queries) + q) * keys + k];
        int kk = p.GetProperty("k").GetInt32();
        var idx = Decode(p.GetProperty("index"));
        var val = Decode(p.GetProperty("values"));
        int o = (((l * heads) + h) * queries + q) * kk;
        for (int j = 0; j < kk; j++) if ((int)idx[o + j] == k) return val[o + j];
        return 0;
    }
}
