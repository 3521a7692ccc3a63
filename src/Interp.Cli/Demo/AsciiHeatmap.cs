using System.Text;

namespace Interp.Cli.Demo;

/// <summary>Renders a 28×28 digit and a signed attribution map side by side as text (for terminals and logs).</summary>
internal static class AsciiHeatmap
{
    private const string Ramp = " .:-=+*#%@";

    /// <summary>Digit (left) and attribution (right, '+' ramp for positive, '-' shades for negative), 2×2 pixels per character row pair.</summary>
    public static string Render(ReadOnlySpan<float> pixels, ReadOnlySpan<float> attribution, int size = 28)
    {
        float max = 0;
        foreach (var a in attribution) max = Math.Max(max, Math.Abs(a));
        var sb = new StringBuilder();
        for (int r = 0; r < size; r += 2)
        {
            for (int c = 0; c < size; c++) sb.Append(Ramp[(int)Math.Round(Math.Clamp(pixels[r * size + c], 0, 1) * (Ramp.Length - 1))]);
            sb.Append("   ");
            for (int c = 0; c < size; c++)
            {
                float a = (attribution[r * size + c] + attribution[Math.Min(r + 1, size - 1) * size + c]) / 2;
                if (max == 0 || Math.Abs(a) < 0.05f * max) sb.Append(' ');
                else if (a > 0) sb.Append(Ramp[Math.Clamp((int)Math.Round(a / max * (Ramp.Length - 1)), 1, Ramp.Length - 1)]);
                else sb.Append(a < -0.5f * max ? '~' : '-');
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
