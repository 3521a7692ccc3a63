using System.Globalization;
using Interp.Explainers.Tensors;

namespace Interp.Tests.Importer;

/// <summary>Real MNIST digits from shared/data (pixels / 255).</summary>
internal static class MnistDigits
{
    public static (NdArray<float> Pixels, int[] Labels) Load(int count)
    {
        var lines = File.ReadLines(Path.Combine(TestPaths.Shared, "data", "mnist-cnn", "Train-Tiny-28x28.txt")).Where(l => l.Length > 0).Take(count).ToList();
        var pixels = new float[lines.Count * 784];
        var labels = new int[lines.Count];
        for (int n = 0; n < lines.Count; n++)
        {
            var parts = lines[n].Split('\t');
            labels[n] = int.Parse(parts[0], CultureInfo.InvariantCulture);
            foreach (var pair in parts.Skip(2))
            {
                var kv = pair.Split(':');
                pixels[n * 784 + int.Parse(kv[0], CultureInfo.InvariantCulture)] = float.Parse(kv[1], CultureInfo.InvariantCulture) / 255f;
            }
        }

        return (new NdArray<float>(pixels, lines.Count, 1, 28, 28), labels);
    }
}
