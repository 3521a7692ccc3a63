namespace Interp.Tests;

/// <summary>Locations of the repository, the shared data and the built CLI.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared next to the repository (where CI and developers have it).</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Reference(string caseName, string file) => Path.Combine(Shared, "reference", caseName, file);

    public static string Configuration { get; } =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The built CLI's folder (bin/&lt;Configuration&gt;/net10.0/linux-x64).</summary>
    public static string CliFolder { get; } = Path.Combine(RepoRoot, "src", "Interp.Cli", "bin", Configuration, "net10.0", "linux-x64");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Interp.sln not found above " + AppContext.BaseDirectory);
    }
}
