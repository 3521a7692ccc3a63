using System.Diagnostics;
using System.Globalization;
using Interp.Explainers.Attribution.ExactShap;
using Interp.Explainers.Attribution.KernelShap;
using Interp.Explainers.Requests;

namespace Interp.Benchmarks;

/// <summary>KernelSHAP's error against ExactShap by number of samples, on a 12-feature MLP (12→64→1), printed as a table.</summary>
internal static class KernelShapErrorTable
{
    public static async Task RunAsync()
    {
        using var model = KernelShapMlp.Create(12, seed: 1);
        var request = new AttributionRequest { Model = model, Inputs = [KernelShapMlp.Rows(10, 12, seed: 2)], Baselines = KernelShapMlp.Rows(50, 12, seed: 3) };
        var exact = (await new ExactShap(new ExactShapOptions()).ExplainAsync(request)).Attributions.Data;
        double scale = exact.Max(v => Math.Abs(v));
        Console.WriteLine("| samples | max abs error | mean abs error | max abs error / max abs φ | seconds (10 rows) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (int samples in new[] { 50, 100, 200, 500, 1000, 2000, 4094 })
        {
            var clock = Stopwatch.StartNew();
            var kernel = (await new KernelShap(new KernelShapOptions { Samples = samples, Seed = 5 }).ExplainAsync(request)).Attributions.Data;
            var errors = kernel.Zip(exact, (a, b) => Math.Abs((double)a - b)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {samples} | {errors.Max():G3} | {errors.Average():G3} | {errors.Max() / scale:G3} | {clock.Elapsed.TotalSeconds:F2} |"));
        }
    }
}
