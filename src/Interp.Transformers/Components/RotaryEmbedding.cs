using static TorchSharp.torch;

namespace Interp.Transformers.Components;

/// <summary>
/// Rotary position embeddings on [batch, pos, head, d_head]. The angle of pair j at position p is
/// p·θ^(−2j/d_head), computed in float32 as llama2.c does (<c>1.0f / powf(10000.0f, 2j / (float)d_head)</c>, then
/// <c>cosf</c>/<c>sinf</c> of <c>pos * freq</c>). Pairs are adjacent dimensions (2j, 2j+1) or (j, j + d_head/2).
/// </summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _cos;
    private readonly Tensor _sin;
    private readonly bool _adjacent;

    public RotaryEmbedding(int dHead, int nCtx, float theta, bool adjacentPairs)
    {
        _adjacent = adjacentPairs;
        int half = dHead / 2;
        var cos = new float[nCtx * half];
        var sin = new float[nCtx * half];
        for (int p = 0; p < nCtx; p++)
        {
            for (int j = 0; j < half; j++)
            {
                float freq = 1.0f / MathF.Pow(theta, 2 * j / (float)dHead);
                float angle = p * freq;
                cos[p * half + j] = MathF.Cos(angle);
                sin[p * half + j] = MathF.Sin(angle);
            }
        }

        _cos = tensor(cos, [nCtx, half]).DetachFromDisposeScope();
        _sin = tensor(sin, [nCtx, half]).DetachFromDisposeScope();
    }

    /// <summary>Rotates x [batch, pos, heads, d_head] by the positions 0..pos−1.</summary>
    public Tensor Apply(Tensor x)
    {
        long pos = x.shape[1];
        long dHead = x.shape[3];
        var cos = _cos.narrow(0, 0, pos).to(x.device).view(1, pos, 1, -1);
        var sin = _sin.narrow(0, 0, pos).to(x.device).view(1, pos, 1, -1);
        if (_adjacent)
        {
            var pairs = x.view(x.shape[0], pos, x.shape[2], dHead / 2, 2);
            var x0 = pairs.select(-1, 0);
            var x1 = pairs.select(-1, 1);
            return stack([x0 * cos - x1 * sin, x0 * sin + x1 * cos], -1).view(x.shape);
        }

        var first = x.narrow(-1, 0, dHead / 2);
        var second = x.narrow(-1, dHead / 2, dHead / 2);
        return cat([first * cos - second * sin, second * cos + first * sin], -1);
    }

    public void Dispose()
    {
        _cos.Dispose();
        _sin.Dispose();
    }
}
