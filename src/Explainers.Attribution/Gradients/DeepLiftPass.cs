using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>
/// DeepLIFT over (example, baseline) pairs in batches: attributions (x − b)·m (or m alone), their per-pair sums and
/// the model outputs at both ends, so the convergence delta Σ attributions − (f(x) − f(b)) is exact bookkeeping.
/// </summary>
internal static class DeepLiftPass
{
    public static (float[] Attributions, double[] DeltaPerPair) Run(
        AttributionSetup setup, IBackwardRules rules, BaselineSet baselines, IBatchPlanner planner, int perEval, double epsilon, bool multiplyByInputs,
        ModelCallCounter counter, CancellationToken cancellationToken)
    {
        int n = setup.Examples, b = baselines.PerExample, len = setup.ExampleLength, pairs = n * b;
        int rowsPerBatch = perEval > 0 ? perEval : Math.Max(1, planner.RowsPerBatch(2L * GradientBatches.BytesPerRow(setup))); // inputs and references in one pass
        var attributions = new float[n * len];
        var deltas = new double[pairs];
        var request = setup.Request;
        for (int start = 0; start < pairs; start += rowsPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(rowsPerBatch, pairs - start);
            var examples = Enumerable.Range(start, count).Select(p => p / b).ToArray();
            var x = new float[count * len];
            var reference = new float[count * len];
            for (int r = 0; r < count; r++)
            {
                setup.Input.Row(examples[r]).CopyTo(x.AsSpan(r * len, len));
                baselines.Get(examples[r], (start + r) % b).CopyTo(reference.AsSpan(r * len, len));
            }

            var inputs = new INdArray[request.Inputs.Count];
            var references = new INdArray[request.Inputs.Count];
            for (int i = 0; i < inputs.Length; i++)
            {
                bool attributed = i == request.InputIndex;
                inputs[i] = attributed ? new NdArray<float>(x, [count, .. setup.ExampleShape]) : PerturbedBatch.Gather(request.Inputs[i], examples);
                references[i] = attributed ? new NdArray<float>(reference, [count, .. setup.ExampleShape]) : inputs[i];
            }

            var result = rules.DeepLiftMultipliers(inputs, references, examples.Select(e => setup.Targets[e]).ToArray(), epsilon, cancellationToken);
            counter.Record(count * 2);
            var multipliers = result.InputGradients[request.InputIndex];
            var atReference = setup.Model.Predict(references, cancellationToken);
            counter.Record(count);
            for (int r = 0; r < count; r++)
            {
                int e = examples[r];
                double total = 0;
                for (int i = 0; i < len; i++)
                {
                    double a = multipliers.Data[(r * len) + i] * (multiplyByInputs ? x[(r * len) + i] - reference[(r * len) + i] : 1.0);
                    attributions[(e * len) + i] += (float)(a / b);
                    total += a;
                }

                float fx = setup.TargetAtInput[e];
                float fb = atReference.Data[(r * setup.OutputLength) + setup.Targets[e]];
                deltas[start + r] = total - (fx - fb);
            }
        }

        return (attributions, deltas);
    }
}
