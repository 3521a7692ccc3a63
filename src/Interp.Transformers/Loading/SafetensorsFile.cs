using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Interp.Explainers;
using static TorchSharp.torch;

namespace Interp.Transformers.Loading;

/// <summary>
/// A safetensors file: an 8-byte little-endian header length, a JSON header mapping names to dtype, shape and
/// data_offsets (relative to the end of the header; <c>__metadata__</c> holds strings), then raw little-endian data.
/// Reads F32, F16 and BF16 tensors as float32; <see cref="Write"/> writes F32.
/// </summary>
public sealed class SafetensorsFile
{
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafetensorsEntry> _entries;

    private SafetensorsFile(string path, byte[] bytes, long dataStart, Dictionary<string, SafetensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _bytes = bytes;
        _dataStart = dataStart;
        _entries = entries;
        Metadata = metadata;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The <c>__metadata__</c> strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors, by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries => _entries;

    /// <summary>Reads the file (header checked; data read lazily by <see cref="Read"/>).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InterpException">Missing, truncated, or an invalid header.</exception>
    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new InterpException($"Safetensors file '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InterpException($"Safetensors file '{path}' has {bytes.Length} bytes: too short for a header.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8)) throw new InterpException($"Safetensors file '{path}': header length {headerLength} exceeds the file ({bytes.Length} bytes).");
        long dataStart = 8 + (long)headerLength;
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var m in property.Value.EnumerateObject()) metadata[m.Name] = m.Value.ToString();
                    continue;
                }

                var dtype = property.Value.GetProperty("dtype").GetString()!;
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var entry = new SafetensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]);
                if (entry.Begin < 0 || entry.End < entry.Begin || dataStart + entry.End > bytes.Length)
                {
                    throw new InterpException($"Safetensors file '{path}': tensor '{property.Name}' has data_offsets [{entry.Begin},{entry.End}] outside the file.");
                }

                entries[property.Name] = entry;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InterpException($"Safetensors file '{path}' has an invalid header: {ex.Message}", ex);
        }

        return new SafetensorsFile(path, bytes, dataStart, entries, metadata);
    }

    /// <summary>Reads a tensor as float32 (a new CPU tensor, in the caller's dispose scope).</summary>
    /// <param name="name">The tensor's name.</param>
    /// <exception cref="InterpException">Unknown name, unsupported dtype, or a size that does not match the shape.</exception>
    public Tensor Read(string name)
    {
        if (!_entries.TryGetValue(name, out var entry)) throw new InterpException($"Safetensors file '{Path}' has no tensor '{name}'.");
        int width = entry.DType switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => throw new InterpException($"Safetensors file '{Path}': tensor '{name}' is {entry.DType}; only F32, F16 and BF16 are supported."),
        };
        if (entry.End - entry.Begin != entry.Count * width)
        {
            throw new InterpException($"Safetensors file '{Path}': tensor '{name}' has {entry.End - entry.Begin} bytes, its shape [{string.Join(",", entry.Shape)}] of {entry.DType} needs {entry.Count * width}.");
        }

        var raw = _bytes.AsSpan((int)(_dataStart + entry.Begin), (int)(entry.End - entry.Begin));
        var values = new float[entry.Count];
        switch (entry.DType)
        {
            case "F32":
                MemoryMarshal.Cast<byte, float>(raw).CopyTo(values);
                break;
            case "F16":
                for (int i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(2 * i)..]);
                break;
            default:
                for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]) << 16);
                break;
        }

        return tensor(values, entry.Shape.ToArray());
    }

    /// <summary>Writes float32 tensors as a safetensors file (names sorted, data in that order).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">Name → tensor (any float type; written as F32).</param>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, t) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            using var cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
            var data = MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray();
            header[name] = new { dtype = "F32", shape = cpu.shape, data_offsets = new[] { offset, offset + data.Length } };
            blobs.Add(data);
            offset += data.Length;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        stream.Write(length);
        stream.Write(json);
        foreach (var blob in blobs) stream.Write(blob);
    }
}
