namespace Interp.Reports.Json;

/// <summary>
/// A numeric array packed for the page: little-endian bytes as base64, decoded by <c>Interp.decode</c> in the page.
/// <c>f32</c>, <c>f16</c> (IEEE half), <c>u16</c> (integers), <c>u8</c> (value = byte / 255 × scale), <c>i8</c> (value = byte / 127 × scale).
/// </summary>
internal static class Encoded
{
    public static Dictionary<string, object?> F32(ReadOnlySpan<float> values, int[] shape)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        return Make("f32", shape, bytes, null);
    }

    public static Dictionary<string, object?> F16(ReadOnlySpan<float> values, int[] shape)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (Half)values[i]);
        return Make("f16", shape, bytes, null);
    }

    public static Dictionary<string, object?> U16(ReadOnlySpan<int> values, int[] shape)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), checked((ushort)values[i]));
        return Make("u16", shape, bytes, null);
    }

    /// <summary>Signed values in [−scale, scale] as bytes (−127..127).</summary>
    public static Dictionary<string, object?> I8(ReadOnlySpan<float> values, int[] shape, float scale)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++) bytes[i] = (byte)(sbyte)Math.Clamp(MathF.Round(values[i] / scale * 127), -127, 127);
        return Make("i8", shape, bytes, scale);
    }

    public static Dictionary<string, object?> Bytes(byte[] bytes, int[] shape) => Make("u8raw", shape, bytes, null);

    /// <summary>Size in bytes of <paramref name="count"/> values in base64 at <paramref name="bytesPerValue"/>.</summary>
    public static long Base64Size(long count, int bytesPerValue) => ((count * bytesPerValue) + 2) / 3 * 4;

    private static Dictionary<string, object?> Make(string dtype, int[] shape, byte[] bytes, float? scale) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = shape,
        ["scale"] = scale,
        ["b64"] = Convert.ToBase64String(bytes),
    };
}
