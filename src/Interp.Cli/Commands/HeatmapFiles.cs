using Interp.Explainers.Explanations;
using Interp.Imaging;

namespace Interp.Cli.Commands;

/// <summary>
/// For image examples, writes the attribution heatmaps next to the explanation file:
/// <c>&lt;out&gt;.&lt;n&gt;.signed.png</c> and <c>&lt;out&gt;.&lt;n&gt;.abs.png</c>, blended over each image.
/// </summary>
internal static class HeatmapFiles
{
    public static IReadOnlyList<string> Write(AttributionExplanation explanation, AttributionInputs examples, string outFile)
    {
        if (examples.Images.Count == 0 || examples.Preprocessing is null) return [];
        var written = new List<string>();
        var stem = Path.Combine(Path.GetDirectoryName(outFile)!, Path.GetFileNameWithoutExtension(outFile));
        for (int n = 0; n < examples.Images.Count; n++)
        {
            var map = explanation.Attributions.RowArray(n);
            if (map.Rank != 3) continue; // not image-shaped (e.g. a layer method on a dense layer)
            foreach (var (mode, suffix) in new[] { (HeatmapMode.Signed, "signed"), (HeatmapMode.Absolute, "abs") })
            {
                var path = $"{stem}.{n}.{suffix}.png";
                AttributionHeatmap.WritePng(examples.Images[n], examples.Preprocessing, map, mode, path);
                written.Add(path);
            }
        }

        return written;
    }
}
