namespace Interp.Transformers.Generation;

/// <summary>
/// llama2.c's sampler, reproduced operation for operation in float32: temperature 0 is argmax (first maximum);
/// otherwise logits / temperature, softmax, one coin from its xorshift RNG (<see cref="RandomF32"/>), then plain
/// multinomial sampling, or top-p sampling (with its (1 − p)/(n − 1) cutoff before sorting) when 0 &lt; p &lt; 1.
/// </summary>
public sealed class Llama2cSampler
{
    private ulong _state;

    /// <summary>Creates a sampler.</summary>
    /// <param name="temperature">0 for greedy decoding.</param>
    /// <param name="topP">Nucleus mass; ≤ 0 or ≥ 1 samples from the whole distribution.</param>
    /// <param name="seed">The RNG state (run.c's <c>rng_seed</c>; must not be 0 for sampling, xorshift stays at 0).</param>
    public Llama2cSampler(float temperature, float topP, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(temperature);
        Temperature = temperature;
        TopP = topP;
        _state = seed;
    }

    /// <summary>The temperature.</summary>
    public float Temperature { get; }

    /// <summary>The top-p mass.</summary>
    public float TopP { get; }

    /// <summary>run.c's <c>random_u32</c>: xorshift* (shifts 12, 25, 27; multiplier 0x2545F4914F6CDD1D), upper 32 bits.</summary>
    /// <param name="state">The RNG state, advanced.</param>
    public static uint RandomU32(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return (uint)((state * 0x2545F4914F6CDD1DUL) >> 32);
    }

    /// <summary>run.c's <c>random_f32</c>: a float in [0, 1) from the top 24 bits.</summary>
    /// <param name="state">The RNG state, advanced.</param>
    public static float RandomF32(ref ulong state) => (RandomU32(ref state) >> 8) / 16777216.0f;

    /// <summary>Picks the next token from <paramref name="logits"/> (not modified).</summary>
    /// <param name="logits">One row of logits [vocab].</param>
    public int Sample(ReadOnlySpan<float> logits)
    {
        if (Temperature == 0.0f) return Argmax(logits);
        var probs = logits.ToArray();
        for (int i = 0; i < probs.Length; i++) probs[i] /= Temperature;
        Softmax(probs);
        float coin = RandomF32(ref _state);
        return TopP <= 0 || TopP >= 1 ? SampleMult(probs, coin) : SampleTopP(probs, TopP, coin);
    }

    /// <summary>The first index of the maximum.</summary>
    /// <param name="values">The values.</param>
    public static int Argmax(ReadOnlySpan<float> values)
    {
        int best = 0;
        float max = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > max)
            {
                best = i;
                max = values[i];
            }
        }

        return best;
    }

    private static void Softmax(float[] x)
    {
        float max = x[0];
        for (int i = 1; i < x.Length; i++) if (x[i] > max) max = x[i];
        float sum = 0.0f;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Exp(x[i] - max);
            sum += x[i];
        }

        for (int i = 0; i < x.Length; i++) x[i] /= sum;
    }

    private static int SampleMult(float[] probs, float coin)
    {
        float cdf = 0.0f;
        for (int i = 0; i < probs.Length; i++)
        {
            cdf += probs[i];
            if (coin < cdf) return i;
        }

        return probs.Length - 1;
    }

    private static int SampleTopP(float[] probs, float topP, float coin)
    {
        int n = probs.Length;
        float cutoff = (1.0f - topP) / (n - 1);
        var candidates = new List<(float Prob, int Index)>();
        for (int i = 0; i < n; i++) if (probs[i] >= cutoff) candidates.Add((probs[i], i));
        candidates.Sort((a, b) => a.Prob != b.Prob ? b.Prob.CompareTo(a.Prob) : a.Index.CompareTo(b.Index));
        float cumulative = 0.0f;
        int last = candidates.Count - 1;
        for (int i = 0; i < candidates.Count; i++)
        {
            cumulative += candidates[i].Prob;
            if (cumulative > topP)
            {
                last = i;
                break;
            }
        }

        float r = coin * cumulative;
        float cdf = 0.0f;
        for (int i = 0; i <= last; i++)
        {
            cdf += candidates[i].Prob;
            if (r < cdf) return candidates[i].Index;
        }

        return candidates[last].Index;
    }
}
