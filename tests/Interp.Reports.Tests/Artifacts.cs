namespace Interp.Reports.Tests;

/// <summary>Where the tests keep what a person may want to look at: rendered reports and screenshots (bin/.../artifacts).</summary>
internal static class Artifacts
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static string Screenshots { get; } = Path.Combine(Root, "screenshots");

    public static string Reports(string name)
    {
        var dir = Path.Combine(Root, "reports", name);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
