namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>Coalitions of one example as 0/1 rows [count × players], each with a regression weight.</summary>
internal sealed class WeightedCoalitions
{
    private readonly List<float> _members = [];
    private readonly List<double> _weights = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Creates an empty set over <paramref name="players"/> players.</summary>
    /// <param name="players">M.</param>
    public WeightedCoalitions(int players) => Players = players;

    /// <summary>M.</summary>
    public int Players { get; }

    /// <summary>Number of coalitions.</summary>
    public int Count => _weights.Count;

    /// <summary>Row-major membership [Count × Players].</summary>
    public float[] Members => [.. _members];

    /// <summary>The weights.</summary>
    public double[] Weights => [.. _weights];

    /// <summary>Whether coalition <paramref name="k"/> holds player <paramref name="player"/>.</summary>
    /// <param name="k">Coalition.</param>
    /// <param name="player">Player.</param>
    public bool Holds(int k, int player) => _members[k * Players + player] != 0f;

    /// <summary>Appends a coalition (duplicates kept).</summary>
    /// <param name="members">0/1 per player.</param>
    /// <param name="weight">Its weight.</param>
    public void Add(ReadOnlySpan<bool> members, double weight)
    {
        foreach (var m in members) _members.Add(m ? 1f : 0f);
        _weights.Add(weight);
    }

    /// <summary>Adds a coalition, or adds <paramref name="weight"/> to its weight when it is already there.</summary>
    /// <param name="members">0/1 per player.</param>
    /// <param name="weight">The weight to add.</param>
    /// <returns>Whether it was new.</returns>
    public bool Merge(ReadOnlySpan<bool> members, double weight)
    {
        var key = string.Create(members.Length, members.ToArray(), static (chars, bits) =>
        {
            for (int i = 0; i < bits.Length; i++) chars[i] = bits[i] ? '1' : '0';
        });
        if (_index.TryGetValue(key, out int k))
        {
            _weights[k] += weight;
            return false;
        }

        _index[key] = Count;
        Add(members, weight);
        return true;
    }

    /// <summary>Multiplies the weights of coalitions <paramref name="from"/>.. by <paramref name="factor"/>.</summary>
    /// <param name="from">First coalition scaled.</param>
    /// <param name="factor">The factor.</param>
    public void Scale(int from, double factor)
    {
        for (int k = from; k < _weights.Count; k++) _weights[k] *= factor;
    }

    /// <summary>Sum of the weights of coalitions <paramref name="from"/>...</summary>
    /// <param name="from">First coalition summed.</param>
    public double WeightFrom(int from)
    {
        double sum = 0;
        for (int k = from; k < _weights.Count; k++) sum += _weights[k];
        return sum;
    }
}
