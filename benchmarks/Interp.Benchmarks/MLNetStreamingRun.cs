using System.Diagnostics;
using System.Globalization;
using Interp.Explainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Interp.Benchmarks;

/// <summary>
/// A measured run (not BenchmarkDotNet: one pass over a million rows is the measurement): an Adult LightGBM model
/// (one-hot categoricals with categorical splits, 100 trees × 31 leaves) fitted in ML.NET on the 32,561 rows of
/// adult.data, then <c>mlContext.Explain().TreeShap(model)</c> applied after the chain on a lazy view that cycles
/// those rows to N rows (default 1,000,000). Reports rows/s of scoring alone and of scoring + TreeSHAP, and the peak
/// working set and managed heap, which stay flat when the explanation streams.
/// </summary>
internal static class MLNetStreamingRun
{
    private static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
    private static readonly string[] Numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    public static void Run(long rows, int windowRows = 4096)
    {
        var ml = new MLContext(seed: 1);
        var path = Path.Combine(RepoRoot(), "..", "shared", "data", "tabular", "adult.data");
        var loaded = ml.Data.LoadFromTextFile<AdultRow>(path, separatorChar: ',', trimWhitespace: true);
        var adult = ml.Data.CreateEnumerable<AdultRow>(loaded, reuseRowObject: false).ToList();
        var rawTrain = ml.Data.LoadFromEnumerable(adult);
        var train = ml.Transforms.Conversion.MapValue("Label", [new KeyValuePair<string, bool>(">50K", true), new KeyValuePair<string, bool>("<=50K", false)], "income")
            .Fit(rawTrain).Transform(rawTrain);
        var clock = Stopwatch.StartNew();
        var model = ml.Transforms.Categorical.OneHotEncoding(Categorical.Select(c => new InputOutputColumnPair(c)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", [.. Numeric, .. Categorical]))
            .Append(ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 100, NumberOfLeaves = 31, UseCategoricalSplit = true }))
            .Fit(train);
        var shap = ml.Explain().TreeShap(model, new TreeShapEstimatorOptions { WindowRows = windowRows }).Fit(train);
        Console.WriteLine(Invariant($"model: {adult.Count} Adult rows, 100 trees × 31 leaves; fitted with covers in {clock.Elapsed.TotalSeconds:F1} s; {shap.InputWidth} slots, {shap.SlotNamesOf("Shap").Count} players; window {shap.WindowRows} rows, {Environment.ProcessorCount} cores"));

        GC.Collect();
        long before = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine(Invariant($"working set before the pass: {before / 1048576.0:F0} MiB"));
        var source = ml.Data.LoadFromEnumerable(Cycle(adult, rows));

        var (scoreSeconds, _, scoreHeap) = Pass(model.Transform(source), ["Score"]);
        Console.WriteLine(Invariant($"scoring only: {rows:N0} rows in {scoreSeconds:F1} s = {rows / scoreSeconds:N0} rows/s; peak managed heap {scoreHeap / 1048576.0:F0} MiB"));

        var (seconds, checksum, heap) = Pass(shap.Transform(model.Transform(source)), ["Score", "Shap", "ShapBase"]);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(Invariant($"scoring + TreeSHAP: {rows:N0} rows in {seconds:F1} s = {rows / seconds:N0} rows/s; peak managed heap {heap / 1048576.0:F0} MiB; process peak working set {peak / 1048576.0:F0} MiB; max |Σ Shap + base − Score| {checksum:G3}"));
        double whole = rows * (double)shap.InputWidth * 8.0;
        Console.WriteLine(Invariant($"(explaining every row in one call would hold the feature matrix alone as {whole / 1048576.0:F0} MiB of doubles)"));
    }

    private static (double Seconds, double MaxGap, long PeakHeap) Pass(IDataView data, string[] columns)
    {
        var clock = Stopwatch.StartNew();
        long peakHeap = 0, n = 0;
        double maxGap = 0;
        using var cursor = data.GetRowCursor(columns.Select(c => data.Schema[c]));
        var score = cursor.GetGetter<float>(data.Schema["Score"]);
        var shap = columns.Contains("Shap") ? cursor.GetGetter<VBuffer<float>>(data.Schema["Shap"]) : null;
        var baseValue = columns.Contains("ShapBase") ? cursor.GetGetter<float>(data.Schema["ShapBase"]) : null;
        float s = 0, b = 0;
        VBuffer<float> phi = default;
        while (cursor.MoveNext())
        {
            score(ref s);
            if (shap is not null)
            {
                shap(ref phi);
                baseValue!(ref b);
                double sum = b;
                foreach (var v in phi.DenseValues()) sum += v;
                maxGap = Math.Max(maxGap, Math.Abs(sum - s) / Math.Max(1, Math.Abs(s)));
            }

            if (++n % 50_000 == 0) peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        }

        return (clock.Elapsed.TotalSeconds, maxGap, peakHeap);
    }

    private static IEnumerable<AdultRow> Cycle(List<AdultRow> rows, long count)
    {
        for (long i = 0; i < count; i++) yield return rows[(int)(i % rows.Count)];
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Interp.sln not found");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>One line of adult.data.</summary>
    public sealed class AdultRow
    {
        [LoadColumn(0), ColumnName("age")] public float Age { get; set; }
        [LoadColumn(1), ColumnName("workclass")] public string Workclass { get; set; } = "";
        [LoadColumn(2), ColumnName("fnlwgt")] public float Fnlwgt { get; set; }
        [LoadColumn(3), ColumnName("education")] public string Education { get; set; } = "";
        [LoadColumn(4), ColumnName("education-num")] public float EducationNum { get; set; }
        [LoadColumn(5), ColumnName("marital-status")] public string MaritalStatus { get; set; } = "";
        [LoadColumn(6), ColumnName("occupation")] public string Occupation { get; set; } = "";
        [LoadColumn(7), ColumnName("relationship")] public string Relationship { get; set; } = "";
        [LoadColumn(8), ColumnName("race")] public string Race { get; set; } = "";
        [LoadColumn(9), ColumnName("sex")] public string Sex { get; set; } = "";
        [LoadColumn(10), ColumnName("capital-gain")] public float CapitalGain { get; set; }
        [LoadColumn(11), ColumnName("capital-loss")] public float CapitalLoss { get; set; }
        [LoadColumn(12), ColumnName("hours-per-week")] public float HoursPerWeek { get; set; }
        [LoadColumn(13), ColumnName("native-country")] public string NativeCountry { get; set; } = "";
        [LoadColumn(14), ColumnName("income")] public string Income { get; set; } = "";
    }
}
