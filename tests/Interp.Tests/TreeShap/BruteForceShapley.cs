using System.Numerics;

namespace Interp.Tests.TreeShap;

/// <summary>Exact Shapley values and Shapley interaction indices of a set function by enumerating every coalition.</summary>
internal static class BruteForceShapley
{
    /// <summary>φ_i = Σ_S |S|!(M−|S|−1)!/M! (v(S∪i) − v(S)); coalitions are bit masks.</summary>
    public static double[] Values(int players, Func<int, double> value)
    {
        var v = Table(players, value);
        var phi = new double[players];
        for (int i = 0; i < players; i++)
        {
            for (int s = 0; s < 1 << players; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                int size = BitOperations.PopCount((uint)s);
                phi[i] += Factorial(size) * Factorial(players - size - 1) / Factorial(players) * (v[s | (1 << i)] - v[s]);
            }
        }

        return phi;
    }

    /// <summary>Off-diagonal Φ_ij = Σ_S |S|!(M−|S|−2)!/(2(M−1)!) ∇_ij(S); diagonal Φ_ii = φ_i − Σ_{j≠i} Φ_ij.</summary>
    public static double[,] Interactions(int players, Func<int, double> value)
    {
        var v = Table(players, value);
        var phi = Values(players, value);
        var result = new double[players, players];
        for (int i = 0; i < players; i++)
        {
            for (int j = 0; j < players; j++)
            {
                if (i == j) continue;
                int ij = (1 << i) | (1 << j);
                for (int s = 0; s < 1 << players; s++)
                {
                    if ((s & ij) != 0) continue;
                    int size = BitOperations.PopCount((uint)s);
                    double delta = v[s | ij] - v[s | (1 << i)] - v[s | (1 << j)] + v[s];
                    result[i, j] += Factorial(size) * Factorial(players - size - 2) / (2 * Factorial(players - 1)) * delta;
                }
            }

            double off = 0;
            for (int j = 0; j < players; j++) if (j != i) off += result[i, j];
            result[i, i] = phi[i] - off;
        }

        return result;
    }

    private static double[] Table(int players, Func<int, double> value) => Enumerable.Range(0, 1 << players).Select(value).ToArray();

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
