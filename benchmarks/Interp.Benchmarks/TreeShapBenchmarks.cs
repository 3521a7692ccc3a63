using BenchmarkDotNet.Attributes;
using Interp.Explainers.Attribution.TreeShap;
using Interp.Trees;
using Interp.Trees.Native;

namespace Interp.Benchmarks;

/// <summary>
/// TreeSHAP against native LightGBM's own SHAP (LGBM_BoosterPredictForMat, predict_type 3) in the same run, on the same
/// model and rows: a 100-tree × 15-leaf binary model on 30 features, 10,000 rows; ours on 1 and 2 threads; interaction
/// values on 200 rows. Ours builds its Fast TreeSHAP tables on the first call (a warm-up call) and keeps them. Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*TreeShap*'
/// </summary>
[MemoryDiagnoser]
public class TreeShapBenchmarks
{
    private const int Features = 30;
    private LightGbmBooster _native = null!;
    private TreeShapCalculator _shap = null!;
    private double[] _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_native, _shap, _rows) = Create(10_000);
    }

    /// <summary>The benchmark model (trained natively on synthetic data), its TreeSHAP calculator and the rows.</summary>
    public static (LightGbmBooster Native, TreeShapCalculator Shap, double[] Rows) Create(int rows)
    {
        var rng = new Random(7);
        int train = 10_000;
        var x = new double[train * Features];
        var y = new float[train];
        for (int r = 0; r < train; r++)
        {
            double score = 0;
            for (int j = 0; j < Features; j++)
            {
                double v = rng.NextDouble() * 2 - 1;
                x[(r * Features) + j] = v;
                score += (j % 3 == 0 ? v : j % 3 == 1 ? v * v : Math.Sin(3 * v)) / (1 + (j / 6));
            }

            score += x[r * Features] * x[(r * Features) + 1];
            y[r] = score + (0.3 * (rng.NextDouble() - 0.5)) > 0.2 ? 1 : 0;
        }

        var native = LightGbmBooster.Train(x, Features, y, "objective=binary num_leaves=15 min_data_in_leaf=20 learning_rate=0.1 num_threads=1 deterministic=true force_row_wise=true verbose=-1 seed=3", 100);
        var model = LightGbmModel.FromString(native.SaveModelToString());
        return (native, new TreeShapCalculator(model.Ensemble), x.AsSpan(0, rows * Features).ToArray());
    }

    [GlobalCleanup]
    public void Cleanup() => _native.Dispose();

    [Benchmark(Baseline = true, Description = "native LightGBM predict_type 3, 1 thread")]
    public double[] NativeOneThread() => _native.Predict(_rows, LightGbmPredictType.Contributions, "num_threads=1");

    [Benchmark(Description = "TreeShap, 1 thread")]
    public double[] OursOneThread() => _shap.ShapValues(_rows, threads: 1);

    [Benchmark(Description = "TreeShap, 2 threads")]
    public double[] OursTwoThreads() => _shap.ShapValues(_rows, threads: 2);

    [Benchmark(Description = "native LightGBM predict_type 3, 2 threads")]
    public double[] NativeTwoThreads() => _native.Predict(_rows, LightGbmPredictType.Contributions, "num_threads=2");

    [Benchmark(Description = "TreeShap interaction values, 200 rows, 1 thread")]
    public double[] Interactions() => _shap.InteractionValues(_rows.AsSpan(0, 200 * Features), threads: 1);
}
