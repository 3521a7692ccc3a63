using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interp.Sae.IO;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header with
/// <c>dtype</c>/<c>shape</c>/<c>data_offsets</c> per tensor and an optional <c>__metadata__</c> string map, then the raw
/// little-endian data), as SAELens stores <c>sae_weights.safetensors</c>. Writes go to a temporary file that is
/// renamed over the target, so a reader never sees a half-written file.
/// </summary>
public static class SafeTensorsFile
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Writes <paramref name="arrays"/> and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="arrays">Arrays by name (written in ordinal name order).</param>
    /// <param name="metadata">String metadata.</param>
    /// <param name="decorate">Wraps the output stream (tests inject failures through it).</param>
    public static void Write(string path, IReadOnlyDictionary<string, NamedArray> arrays, IReadOnlyDictionary<string, string>? metadata = null, Func<Stream, Stream>? decorate = null)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) meta[k] = v;
            header[MetadataKey] = meta;
        }

        long offset = 0;
        var names = arrays.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            var a = arrays[name];
            long expected = a.Shape.Aggregate(1L, (p, d) => p * d) * NamedArray.ElementSize(a.DType);
            if (expected != a.Bytes.Length) throw new ArgumentException($"Array '{name}': shape [{string.Join(",", a.Shape)}] needs {expected} bytes, has {a.Bytes.Length}.", nameof(arrays));
            header[name] = new JsonObject
            {
                ["dtype"] = a.DType,
                ["shape"] = new JsonArray(a.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + a.Bytes.Length),
            };
            offset += a.Bytes.Length;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
            stream.Write(len);
            stream.Write(json);
            for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var name in names) stream.Write(arrays[name].Bytes);
        }, decorate);
    }

    /// <summary>Reads a safetensors file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The arrays by name and the metadata.</returns>
    /// <exception cref="InvalidDataException">Not a complete safetensors file (the message names it).</exception>
    public static (Dictionary<string, NamedArray> Arrays, Dictionary<string, string> Metadata) Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> len = stackalloc byte[8];
        if (stream.ReadAtLeast(len, 8, throwOnEndOfStream: false) < 8) throw new InvalidDataException($"'{path}' is not a safetensors file (shorter than its header length).");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (headerLength > (ulong)Math.Max(0, stream.Length - 8) || headerLength > 100_000_000) throw new InvalidDataException($"'{path}' is truncated or not a safetensors file (header length {headerLength}, file {stream.Length} bytes).");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new InvalidDataException($"'{path}': empty safetensors header.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}': the safetensors header is not valid JSON ({ex.Message}).", ex);
        }

        long dataStart = 8 + (long)headerLength;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var arrays = new Dictionary<string, NamedArray>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == MetadataKey)
            {
                foreach (var (k, v) in node!.AsObject()) metadata[k] = v!.GetValue<string>();
                continue;
            }

            var dtype = node!["dtype"]!.GetValue<string>();
            var shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var offsets = node["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            long bytes = offsets[1] - offsets[0];
            if (bytes != shape.Aggregate(1L, (p, d) => p * d) * NamedArray.ElementSize(dtype) || dataStart + offsets[1] > stream.Length)
            {
                throw new InvalidDataException($"'{path}' is truncated or corrupt: tensor '{name}' needs bytes {offsets[0]}..{offsets[1]} after the header, the file has {stream.Length - dataStart}.");
            }

            var data = new byte[bytes];
            stream.Position = dataStart + offsets[0];
            stream.ReadExactly(data);
            arrays[name] = new NamedArray(dtype, shape, data);
        }

        return (arrays, metadata);
    }
}
