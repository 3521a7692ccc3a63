using System.Diagnostics;

namespace Interp.Benchmarks;

/// <summary>
/// The RunWithCache/forward ratio measured by alternating the two calls (robust to a busy machine: minimum and median
/// of interleaved runs). Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- transformer-cache-ratio
/// </summary>
public static class TransformerCacheRatio
{
    public static void Run(int repeats = 9)
    {
        foreach (var batch in new[] { 1, 32 })
        {
            var bench = new TransformerCacheBenchmarks { Batch = batch };
            bench.Setup();
            bench.Forward();
            bench.RunWithCacheAllHooks();
            var forward = new List<double>();
            var cached = new List<double>();
            for (int i = 0; i < repeats; i++)
            {
                var sw = Stopwatch.StartNew();
                bench.Forward();
                forward.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                bench.RunWithCacheAllHooks();
                cached.Add(sw.Elapsed.TotalMilliseconds);
            }

            bench.Cleanup();
            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            Console.WriteLine($"batch {batch} x 256: forward min {forward.Min():F1} ms median {Median(forward):F1} ms; run-with-cache (every hook) min {cached.Min():F1} ms median {Median(cached):F1} ms; ratio of minima {cached.Min() / forward.Min():F3}, of medians {Median(cached) / Median(forward):F3}");
        }
    }
}
