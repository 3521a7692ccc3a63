using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Common;

/// <summary>
/// Accumulates f(x) − f(perturbed) over the scalars each perturbation touched, and divides by how many
/// perturbations touched each scalar (Captum's <c>total_attrib / weights</c>).
/// </summary>
internal sealed class AblationAccumulator
{
    private readonly double[] _sum;
    private readonly int[] _count;
    private readonly int _exampleLength;

    public AblationAccumulator(int examples, int exampleLength)
    {
        _exampleLength = exampleLength;
        _sum = new double[examples * exampleLength];
        _count = new int[examples * exampleLength];
    }

    /// <summary>Adds <paramref name="difference"/> to every scalar in <paramref name="positions"/> of example <paramref name="example"/>.</summary>
    public void Add(int example, ReadOnlySpan<int> positions, float difference)
    {
        int offset = example * _exampleLength;
        foreach (var p in positions)
        {
            _sum[offset + p] += difference;
            _count[offset + p]++;
        }
    }

    /// <summary>The averaged attributions, row-major [examples, ...exampleShape].</summary>
    public float[] Result()
    {
        var data = new float[_sum.Length];
        for (int i = 0; i < data.Length; i++) data[i] = _count[i] == 0 ? 0f : (float)(_sum[i] / _count[i]);
        return data;
    }

    /// <summary>
    /// Evaluates one perturbation per job (the job's positions of its example set to the baseline) in batches and
    /// returns the averaged differences f(x) − f(perturbed) per scalar.
    /// </summary>
    public static float[] Run(AttributionSetup setup, IReadOnlyList<(int Example, int[] Positions)> jobs, int rowsPerBatch, ModelCallCounter counter, CancellationToken cancellationToken)
    {
        var evaluator = new PerturbationEvaluator(setup, rowsPerBatch, counter);
        var outputs = evaluator.Evaluate(
            jobs.Count,
            k => jobs[k].Example,
            (k, row) =>
            {
                var baseline = setup.Baseline(jobs[k].Example);
                foreach (var p in jobs[k].Positions) row[p] = baseline[p];
            },
            cancellationToken);
        var accumulator = new AblationAccumulator(setup.Examples, setup.ExampleLength);
        for (int k = 0; k < jobs.Count; k++)
        {
            accumulator.Add(jobs[k].Example, jobs[k].Positions, setup.TargetAtInput[jobs[k].Example] - outputs[k]);
        }

        return accumulator.Result();
    }
}
