namespace Interp.Cli.Demo;

/// <summary>
/// Where the demo's data lives: first the data shipped with the CLI (<c>data/</c> in the install folder), then the
/// shared data: the folder given with <c>--shared</c>, or by default a <c>shared/data</c> folder beside the repository
/// (found by walking up from the install folder and from the working directory); <c>--shared none</c> uses only the
/// shipped data.
/// </summary>
internal sealed class DemoData
{
    private readonly List<string> _roots = [];

    /// <summary>Creates the locator.</summary>
    /// <param name="shared">A shared data folder, <c>none</c>, or null to look for <c>shared/data</c> above the install folder and the working directory.</param>
    public DemoData(string? shared)
    {
        _roots.Add(Path.Combine(AppContext.BaseDirectory, "data"));
        if (string.Equals(shared, "none", StringComparison.OrdinalIgnoreCase)) return;
        if (shared is not null)
        {
            _roots.Add(Path.GetFullPath(shared));
            return;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var beside = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(beside) && !_roots.Contains(beside)) _roots.Add(beside);
            }
        }
    }

    /// <summary>The folders searched, in order.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The first existing file at <paramref name="relative"/> under a root, or null.</summary>
    public string? Find(params string[] relative)
    {
        foreach (var root in _roots)
        {
            var path = Path.Combine([root, .. relative]);
            if (File.Exists(path)) return path;
        }

        return null;
    }

    /// <summary>The first existing file among several candidate relative paths, or null.</summary>
    public string? FindAny(params string[][] candidates) => candidates.Select(c => Find(c)).FirstOrDefault(p => p is not null);

    /// <summary>A message saying which file is missing and where it was looked for.</summary>
    public string Missing(string what) => $"{what} not found under {string.Join(", ", _roots)}";
}
