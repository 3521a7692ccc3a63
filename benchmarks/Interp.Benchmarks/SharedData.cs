namespace Interp.Benchmarks;

/// <summary>The workplace's shared data folder (<c>../shared/data</c> beside the repository).</summary>
internal static class SharedData
{
    /// <summary>The <c>shared/data</c> folder, found from the repository root above the running assembly.</summary>
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interp.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.Parent?.FullName ?? throw new InvalidOperationException("Interp.sln not found"), "shared", "data");
        }
    }
}
