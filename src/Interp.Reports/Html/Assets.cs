using System.Collections.Concurrent;
using System.Reflection;

namespace Interp.Reports.Html;

/// <summary>The page's scripts and styles, embedded in this assembly and inlined into every page.</summary>
internal static class Assets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Get(string fileName) => Cache.GetOrAdd(fileName, static name =>
    {
        var resource = "Interp.Reports.Assets." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Report asset '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
