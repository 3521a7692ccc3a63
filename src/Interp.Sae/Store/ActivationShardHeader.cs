using System.Buffers.Binary;
using System.Text;
using Interp.Explainers;

namespace Interp.Sae.Store;

/// <summary>
/// The header of an activation shard file (all little-endian): magic <c>IASHARD1</c> (8 bytes), version u32 (1),
/// d_model u32, dtype u32 (1 = float32), header length u32, count u64, hook-name length u32, the hook name in
/// UTF-8, zero padding to a multiple of 16. Then <c>count</c> records of <c>12 + 4·d_model</c> bytes: token id i32,
/// position i32, sequence id i32, d_model float32 values.
/// </summary>
/// <param name="DModel">Activation width.</param>
/// <param name="Count">Records.</param>
/// <param name="HookName">The hook point.</param>
public sealed record ActivationShardHeader(int DModel, long Count, string HookName)
{
    /// <summary>The magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "IASHARD1"u8;

    /// <summary>The format version.</summary>
    public const int Version = 1;

    /// <summary>dtype code of float32.</summary>
    public const int DTypeFloat32 = 1;

    /// <summary>Bytes per record.</summary>
    public int RecordBytes => 12 + 4 * DModel;

    /// <summary>Header bytes (with padding).</summary>
    public int HeaderBytes => (36 + Encoding.UTF8.GetByteCount(HookName) + 15) / 16 * 16;

    /// <summary>Expected file length.</summary>
    public long FileBytes => HeaderBytes + Count * RecordBytes;

    /// <summary>The header's bytes.</summary>
    public byte[] ToBytes()
    {
        var name = Encoding.UTF8.GetBytes(HookName);
        var bytes = new byte[HeaderBytes];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), DModel);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), DTypeFloat32);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), HeaderBytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), Count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(32), name.Length);
        name.CopyTo(bytes.AsSpan(36));
        return bytes;
    }

    /// <summary>Reads and checks a shard's header against its length.</summary>
    /// <param name="path">The shard file.</param>
    /// <exception cref="InterpException">Not a shard, another version or dtype, or truncated (the message names the file).</exception>
    public static ActivationShardHeader Read(string path)
    {
        using var stream = File.OpenRead(path);
        var fixedPart = new byte[36];
        if (stream.ReadAtLeast(fixedPart, 36, throwOnEndOfStream: false) < 36) throw new InterpException($"Activation shard '{path}' is truncated: {stream.Length} bytes, shorter than its header.");
        if (!fixedPart.AsSpan(0, 8).SequenceEqual(Magic)) throw new InterpException($"'{path}' is not an activation shard (bad magic).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(8));
        if (version != Version) throw new InterpException($"Activation shard '{path}' has format version {version}; this build reads version {Version}.");
        int dModel = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(12));
        int dtype = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(16));
        if (dtype != DTypeFloat32) throw new InterpException($"Activation shard '{path}' has dtype code {dtype}; only float32 (1) is supported.");
        long count = BinaryPrimitives.ReadInt64LittleEndian(fixedPart.AsSpan(24));
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(32));
        if (dModel <= 0 || count < 0 || nameLength < 0 || nameLength > 4096) throw new InterpException($"Activation shard '{path}' has a corrupt header (d_model {dModel}, count {count}).");
        var name = new byte[nameLength];
        if (stream.ReadAtLeast(name, nameLength, throwOnEndOfStream: false) < nameLength) throw new InterpException($"Activation shard '{path}' is truncated inside its header.");
        var header = new ActivationShardHeader(dModel, count, Encoding.UTF8.GetString(name));
        if (stream.Length != header.FileBytes)
        {
            throw new InterpException($"Activation shard '{path}' is truncated or corrupt: its header promises {count} records of d_model {dModel} ({header.FileBytes} bytes), the file has {stream.Length} bytes.");
        }

        return header;
    }
}
