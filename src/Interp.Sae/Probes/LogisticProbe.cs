using Interp.Explainers;
using Interp.Explainers.Explanations;

namespace Interp.Sae.Probes;

/// <summary>
/// Logistic-regression probes on cached activations: a seeded train/held-out split, weights from zero, full-batch Adam
/// on mean cross-entropy + L2 (float64, deterministic), and the comparison of the probe's direction with SAE decoder
/// directions (cosine).
/// </summary>
public static class LogisticProbe
{
    /// <summary>Trains a probe on <paramref name="x"/> <c>[rows, d]</c> (row-major) with integer class labels ≥ 0.</summary>
    /// <param name="x">Activations.</param>
    /// <param name="d">Width.</param>
    /// <param name="labels">One label per row (at least two distinct classes).</param>
    /// <param name="settings">Split and optimiser.</param>
    /// <param name="cancellationToken">Checked every 50 steps.</param>
    /// <exception cref="InterpException">Shapes disagree, one class only, or too few examples to hold some out.</exception>
    public static ProbeResult Train(float[] x, int d, int[] labels, ProbeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        int n = labels.Length;
        if (d <= 0 || x.Length != (long)n * d) throw new InterpException($"Probe: {x.Length} activation values do not make {n} rows of width {d} (one label per row).") { IsConfigurationError = true };
        if (labels.Any(l => l < 0)) throw new InterpException("Probe: labels must be class indices ≥ 0.") { IsConfigurationError = true };
        int classes = labels.Max() + 1;
        if (labels.Distinct().Count() < 2) throw new InterpException("Probe: the labels hold a single class; a probe needs at least two.") { IsConfigurationError = true };
        int heldOut = (int)Math.Round(n * settings.HeldOutFraction);
        if (settings.HeldOutFraction <= 0 || settings.HeldOutFraction >= 1 || heldOut < 1 || n - heldOut < 2)
        {
            throw new InterpException($"Probe: {n} examples with held-out fraction {settings.HeldOutFraction} leave no held-out or training split.") { IsConfigurationError = true };
        }

        var order = Enumerable.Range(0, n).ToArray();
        new SaeRandom(settings.Seed).Shuffle(order.AsSpan());
        var train = order[heldOut..];
        var test = order[..heldOut];
        int rows = classes == 2 ? 1 : classes;
        using var scope = NewDisposeScope();
        var all = tensor(x, [n, d]).to(ScalarType.Float64);
        var y = tensor(labels.Select(l => (long)l).ToArray());
        var xTrain = all.index_select(0, tensor(train.Select(i => (long)i).ToArray()));
        var yTrain = y.index_select(0, tensor(train.Select(i => (long)i).ToArray()));
        var w = nn.Parameter(zeros([d, rows], dtype: ScalarType.Float64));
        var b = nn.Parameter(zeros([rows], dtype: ScalarType.Float64));
        var adam = optim.Adam([w, b], settings.LearningRate);
        for (int step = 0; step < settings.Steps; step++)
        {
            if (step % 50 == 0) cancellationToken.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            adam.zero_grad();
            var z = xTrain.matmul(w) + b;
            var loss = Loss(z, yTrain, rows) + (settings.L2 * w.pow(2).sum());
            loss.backward();
            adam.step();
        }

        using var noGrad = no_grad();
        double Accuracy(int[] idx)
        {
            var xi = all.index_select(0, tensor(idx.Select(i => (long)i).ToArray()));
            var predicted = Predict(xi.matmul(w) + b, rows).data<long>().ToArray();
            return (double)idx.Where((i, k) => predicted[k] == labels[i]).Count() / idx.Length;
        }

        var weights = Enumerable.Range(0, rows).Select(r => w[.., r].contiguous().data<double>().ToArray()).ToArray();
        return new ProbeResult(weights, b.detach().data<double>().ToArray(), classes, Accuracy(train), Accuracy(test), train.Length, test.Length);
    }

    /// <summary>
    /// The <paramref name="top"/> decoder rows of <paramref name="decoder"/> <c>[d_sae, d]</c> closest to each weight row by
    /// |cosine| (largest first, ties by feature index); the cosine keeps its sign.
    /// </summary>
    /// <param name="weights">Probe weights [rows][d].</param>
    /// <param name="decoder">W_dec.</param>
    /// <param name="top">Matches per weight row.</param>
    public static IReadOnlyList<DirectionMatch> CompareWithDecoder(double[][] weights, Tensor decoder, int top)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(decoder);
        using var scope = NewDisposeScope();
        var dec = decoder.detach().to(ScalarType.Float64).cpu();
        if (weights.Length > 0 && weights[0].Length != dec.shape[1]) throw new InterpException($"The probe is {weights[0].Length} wide but the SAE's d_in is {dec.shape[1]}.") { IsConfigurationError = true };
        var decNorm = dec / dec.norm(1, keepdim: true).clamp_min(1e-12);
        var result = new List<DirectionMatch>();
        for (int r = 0; r < weights.Length; r++)
        {
            var v = tensor(weights[r]);
            var cos = decNorm.matmul(v / v.norm().clamp_min(1e-12)).data<double>().ToArray();
            result.AddRange(Enumerable.Range(0, cos.Length).OrderByDescending(f => Math.Abs(cos[f])).ThenBy(f => f).Take(top).Select(f => new DirectionMatch(r, f, cos[f])));
        }

        return result;
    }

    private static Tensor Loss(Tensor z, Tensor y, int rows) => rows == 1
        ? nn.functional.binary_cross_entropy_with_logits(z[.., 0], y.to(ScalarType.Float64))
        : nn.functional.cross_entropy(z, y);

    private static Tensor Predict(Tensor z, int rows) => rows == 1 ? (z[.., 0] > 0).to(ScalarType.Int64) : z.argmax(1);
}
