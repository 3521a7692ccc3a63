namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>
/// shap's KernelExplainer coalition plan for M players and a budget of coalitions. Subset sizes s = 1..⌈(M−1)/2⌉ are
/// taken in turn with their complements (size M − s): the Shapley kernel gives each size pair a share of the weight,
/// (M−1)/(s(M−s)), doubled for a pair; while the budget left times the size's share of the remaining weight covers all
/// of its subsets, they are all enumerated, each with weight share / C(M, s) (halved for a pair). The remaining
/// budget is drawn: a size from the remaining shares, a uniformly random subset of that size and its complement; a
/// coalition drawn again adds to its weight. The drawn weights are rescaled to the remaining share.
/// </summary>
internal static class ShapKernelSampler
{
    /// <summary>The coalitions and weights for one example.</summary>
    /// <param name="players">M ≥ 2.</param>
    /// <param name="budget">Coalitions wanted (at most 2^M − 2 are used).</param>
    /// <param name="random">The example's generator.</param>
    public static WeightedCoalitions Plan(int players, int budget, Random random)
    {
        int m = players;
        long proper = m <= 30 ? (1L << m) - 2 : long.MaxValue;
        double left = Math.Min(budget, proper);
        int sizes = (m - 1 + 1) / 2;
        int pairedSizes = (m - 1) / 2;
        var share = new double[sizes + 1];
        for (int s = 1; s <= sizes; s++) share[s] = (m - 1.0) / (s * (double)(m - s)) * (s <= pairedSizes ? 2 : 1);
        double total = share.Sum();
        for (int s = 1; s <= sizes; s++) share[s] /= total;

        var coalitions = new WeightedCoalitions(m);
        var remaining = (double[])share.Clone();
        int complete = 0;
        for (int s = 1; s <= sizes; s++)
        {
            bool paired = s <= pairedSizes;
            double subsets = Binomial(m, s) * (paired ? 2 : 1);
            if (left * remaining[s] / subsets < 1.0 - 1e-8) break;
            complete = s;
            left -= subsets;
            if (remaining[s] < 1.0)
            {
                double rest = 1.0 - remaining[s];
                for (int t = 1; t <= sizes; t++) remaining[t] /= rest;
            }

            double weight = share[s] / Binomial(m, s) / (paired ? 2 : 1);
            foreach (var subset in Subsets(m, s))
            {
                coalitions.Add(subset, weight);
                if (paired) coalitions.Add(Complement(subset), weight);
            }
        }

        if (complete < sizes && left > 0) Draw(coalitions, share, complete, (int)left, pairedSizes, random);
        return coalitions;
    }

    private static void Draw(WeightedCoalitions coalitions, double[] share, int complete, int left, int pairedSizes, Random random)
    {
        int m = coalitions.Players;
        int first = coalitions.Count;
        double shareLeft = 0;
        for (int s = complete + 1; s < share.Length; s++) shareLeft += share[s];
        var members = new bool[m];
        var order = Enumerable.Range(0, m).ToArray();
        for (int attempt = 0; left > 0 && attempt < 4 * left + 1000; attempt++)
        {
            double u = random.NextDouble() * shareLeft;
            int size = complete + 1;
            while (size < share.Length - 1 && u >= share[size])
            {
                u -= share[size];
                size++;
            }

            // A random subset of that size: the first `size` entries of a partial Fisher–Yates shuffle.
            Array.Clear(members);
            for (int i = 0; i < size; i++)
            {
                int j = i + random.Next(m - i);
                (order[i], order[j]) = (order[j], order[i]);
                members[order[i]] = true;
            }

            if (coalitions.Merge(members, 1.0)) left--;
            if (size <= pairedSizes && left > 0 && coalitions.Merge(Complement(members), 1.0)) left--;
        }

        double drawn = coalitions.WeightFrom(first);
        if (drawn > 0) coalitions.Scale(first, shareLeft / drawn);
    }

    private static bool[] Complement(bool[] members) => members.Select(b => !b).ToArray();

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return Math.Round(c);
    }

    /// <summary>Every subset of size <paramref name="size"/> of <paramref name="players"/> players, in lexicographic order.</summary>
    private static IEnumerable<bool[]> Subsets(int players, int size)
    {
        var chosen = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            var members = new bool[players];
            foreach (var p in chosen) members[p] = true;
            yield return members;
            int i = size - 1;
            while (i >= 0 && chosen[i] == players - size + i) i--;
            if (i < 0) yield break;
            chosen[i]++;
            for (int j = i + 1; j < size; j++) chosen[j] = chosen[j - 1] + 1;
        }
    }
}
