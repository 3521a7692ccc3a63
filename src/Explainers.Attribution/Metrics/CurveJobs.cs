namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// The model rows behind the deletion and insertion curves, and their assembly. A row sets
/// <see cref="CurveJob.Order"/>.Scalars[From..To] of the example to the baseline: deletion step s removes the first
/// ⌊s·F/steps⌋ units, insertion step s keeps them and removes the rest. The end points need no rows of their own:
/// f(x) is known and f(baseline) is one row per example.
/// </summary>
internal static class CurveJobs
{
    /// <summary>One model row: example, order (0 = attribution, 1 = random), curve, step and the scalars set to the baseline.</summary>
    public readonly record struct CurveJob(int Example, UnitOrder Order, int OrderIndex, bool Insertion, int Step, int From, int To);

    /// <summary>The deletion and insertion curves of every example under one order.</summary>
    public sealed record Curves(AttributionCurve[] Deletion, AttributionCurve[] Insertion);

    public static List<CurveJob> Plan(IReadOnlyList<UnitOrder[]> orders, int steps)
    {
        var jobs = new List<CurveJob>();
        for (int n = 0; n < orders.Count; n++)
        {
            var first = orders[n][0];
            jobs.Add(new CurveJob(n, first, 0, false, steps, 0, first.Scalars.Length)); // f(baseline)
            for (int o = 0; o < orders[n].Length; o++)
            {
                var order = orders[n][o];
                for (int s = 1; s < steps; s++)
                {
                    int end = order.Prefix[Count(s, order.Units, steps)];
                    jobs.Add(new CurveJob(n, order, o, false, s, 0, end));
                    jobs.Add(new CurveJob(n, order, o, true, s, end, order.Scalars.Length));
                }
            }
        }

        return jobs;
    }

    public static Curves[] Assemble(List<CurveJob> jobs, float[] outputs, IReadOnlyList<UnitOrder[]> orders, int steps, float[] atInput)
    {
        int examples = orders.Count, orderCount = orders[0].Length;
        var deletion = new double[examples, orderCount, steps + 1];
        var insertion = new double[examples, orderCount, steps + 1];
        var atBaseline = new double[examples];
        for (int j = 0; j < jobs.Count; j++)
        {
            var job = jobs[j];
            if (job.Step == steps) atBaseline[job.Example] = outputs[j];
            else if (job.Insertion) insertion[job.Example, job.OrderIndex, job.Step] = outputs[j];
            else deletion[job.Example, job.OrderIndex, job.Step] = outputs[j];
        }

        var result = new Curves[orderCount];
        for (int o = 0; o < orderCount; o++)
        {
            result[o] = new Curves(new AttributionCurve[examples], new AttributionCurve[examples]);
            for (int n = 0; n < examples; n++)
            {
                int units = orders[n][o].Units;
                var x = Enumerable.Range(0, steps + 1).Select(s => (double)Count(s, units, steps) / units).ToArray();
                var del = Enumerable.Range(0, steps + 1).Select(s => s == 0 ? atInput[n] : s == steps ? atBaseline[n] : deletion[n, o, s]).ToArray();
                var ins = Enumerable.Range(0, steps + 1).Select(s => s == 0 ? atBaseline[n] : s == steps ? atInput[n] : insertion[n, o, s]).ToArray();
                result[o].Deletion[n] = new AttributionCurve(x, del);
                result[o].Insertion[n] = new AttributionCurve(x, ins);
            }
        }

        return result;
    }

    /// <summary>Units changed at step s: ⌊s·F/steps⌋.</summary>
    private static int Count(int s, int units, int steps) => (int)((long)s * units / steps);
}
