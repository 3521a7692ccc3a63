using System.Globalization;

namespace Interp.Cli.Demo;

/// <summary>Reads the sparse MNIST text format shipped with the demo: <c>label TAB 784 TAB index:value ...</c>, pixels 0..255.</summary>
internal static class MnistDigits
{
    /// <summary>Reads digits, scaling pixels to 0..1 (what the shipped model expects).</summary>
    public static List<(int Label, float[] Pixels)> Read(string path)
    {
        var result = new List<(int, float[])>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            int label = int.Parse(parts[0], CultureInfo.InvariantCulture);
            int size = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var pixels = new float[size];
            foreach (var pair in parts.Skip(2))
            {
                int colon = pair.IndexOf(':', StringComparison.Ordinal);
                pixels[int.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture)] = float.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture) / 255f;
            }

            result.Add((label, pixels));
        }

        return result;
    }
}
