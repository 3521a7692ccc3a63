namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// The feature path of path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) in one arena: each recursion level
/// owns a segment (a copy of its parent's path plus one element). Per element: the player, the fraction of "zero"
/// paths (cover ratio) and "one" paths (1 if the example goes that way), and the permutation weight.
/// </summary>
internal sealed class ShapPath
{
    public ShapPath(int maxDepth)
    {
        int size = (maxDepth + 2) * (maxDepth + 3) / 2;
        Player = new int[size];
        Zero = new double[size];
        One = new double[size];
        Weight = new double[size];
    }

    public int[] Player { get; }

    public double[] Zero { get; }

    public double[] One { get; }

    public double[] Weight { get; }

    /// <summary>Copies <paramref name="length"/> elements from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Copy(int from, int to, int length)
    {
        Array.Copy(Player, from, Player, to, length);
        Array.Copy(Zero, from, Zero, to, length);
        Array.Copy(One, from, One, to, length);
        Array.Copy(Weight, from, Weight, to, length);
    }

    /// <summary>EXTEND: appends a player to the path of <paramref name="length"/> elements at <paramref name="start"/>, growing the weights of every subset size.</summary>
    public void Extend(int start, int length, double zero, double one, int player)
    {
        var w = Weight;
        int end = start + length;
        Player[end] = player;
        Zero[end] = zero;
        One[end] = one;
        w[end] = length == 0 ? 1.0 : 0.0;
        double inv = 1.0 / (length + 1);
        for (int i = length - 1; i >= 0; i--)
        {
            w[start + i + 1] += one * w[start + i] * (i + 1) * inv;
            w[start + i] = zero * w[start + i] * (length - i) * inv;
        }
    }

    /// <summary>UNWIND: removes element <paramref name="index"/> from the path of <paramref name="length"/> elements (undoing its EXTEND).</summary>
    public void Unwind(int start, int length, int index)
    {
        var w = Weight;
        double one = One[start + index], zero = Zero[start + index];
        double n = w[start + length - 1];
        for (int j = length - 2; j >= 0; j--)
        {
            if (one != 0)
            {
                double t = w[start + j];
                w[start + j] = n * length / ((j + 1) * one);
                n = t - (w[start + j] * zero * (length - 1 - j) / length);
            }
            else
            {
                w[start + j] = w[start + j] * length / (zero * (length - 1 - j));
            }
        }

        for (int j = index; j < length - 1; j++)
        {
            Player[start + j] = Player[start + j + 1];
            Zero[start + j] = Zero[start + j + 1];
            One[start + j] = One[start + j + 1];
        }
    }

    /// <summary>The total weight the path would have after unwinding element <paramref name="index"/>, without changing it.</summary>
    public double UnwoundSum(int start, int length, int index)
    {
        var w = Weight;
        double one = One[start + index], zero = Zero[start + index];
        double total = 0;
        if (one != 0)
        {
            double n = w[start + length - 1];
            for (int j = length - 2; j >= 0; j--)
            {
                double t = n * length / ((j + 1) * one);
                total += t;
                n = w[start + j] - (t * zero * (length - 1 - j) / length);
            }
        }
        else
        {
            for (int j = length - 2; j >= 0; j--) total += w[start + j] * length / (zero * (length - 1 - j));
        }

        return total;
    }
}
