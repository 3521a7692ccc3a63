namespace Interp.Sae.IO;

/// <summary>
/// Writes a file so that readers see either the previous complete file or the new complete file, never a partial
/// one: the bytes go to <c>&lt;path&gt;.tmp</c>, are flushed to disk, and the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary name used while writing <paramref name="path"/>.</summary>
    /// <param name="path">Target file.</param>
    public static string TempPath(string path) => path + ".tmp";

    /// <summary>Writes <paramref name="path"/> atomically.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="decorate">Wraps the output stream (tests inject failures through it).</param>
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream>? decorate = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temp = TempPath(path);
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var stream = decorate?.Invoke(file) ?? file;
                using var buffered = new BufferedStream(stream, 1 << 16);
                write(buffered);
                buffered.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
