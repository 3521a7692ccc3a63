using Interp.Backends.MLNet;
using Interp.Explainers.Tensors;
using Microsoft.ML;

namespace Interp.Tests.Linear;

/// <summary>
/// y = 10·x1 + 20·x2 + 5.5·x3 + noise with a random column the target ignores, as ML.NET rows; models trained on it
/// in memory (SDCA regression, L-BFGS logistic regression on y &gt; median).
/// </summary>
internal sealed class LinearData
{
    public static readonly string[] Columns = ["X1", "X2", "X3", "Random"];

    public LinearData(int rows, int seed)
    {
        var random = new Random(seed);
        Rows = new Row[rows];
        for (int r = 0; r < rows; r++)
        {
            float x1 = (float)random.NextDouble(), x2 = (float)random.NextDouble(), x3 = (float)random.NextDouble(), noise = (float)(random.NextDouble() - 0.5);
            float y = 10 * x1 + 20 * x2 + 5.5f * x3 + noise;
            Rows[r] = new Row { X1 = x1, X2 = x2, X3 = x3, Random = (float)random.NextDouble(), Label = y, Positive = y > 18 };
        }

        Data = Ml.Data.LoadFromEnumerable(Rows);
    }

    public MLContext Ml { get; } = new(seed: 1);

    public Row[] Rows { get; }

    public IDataView Data { get; }

    /// <summary>The feature vectors [rows, 4] in <see cref="Columns"/> order.</summary>
    public NdArray<float> X => new(Rows.SelectMany(r => new[] { r.X1, r.X2, r.X3, r.Random }).ToArray(), Rows.Length, 4);

    /// <summary>The regression labels.</summary>
    public NdArray<float> Y => new(Rows.Select(r => r.Label).ToArray(), Rows.Length);

    /// <summary>The binary labels (0/1).</summary>
    public NdArray<float> Classes => new(Rows.Select(r => r.Positive ? 1f : 0f).ToArray(), Rows.Length);

    public ITransformer Fit(bool binary) => Ml.Transforms.Concatenate("Features", Columns)
        .Append(binary
            ? (IEstimator<ITransformer>)Ml.BinaryClassification.Trainers.LbfgsLogisticRegression("Positive", "Features")
            : Ml.Regression.Trainers.Sdca("Label", "Features", maximumNumberOfIterations: 200))
        .Fit(Data);

    public MLNetModel Model(bool binary) => MLNetModel.FromTransformer(Ml, Fit(binary), Data.Schema);

    public sealed class Row
    {
        public float X1 { get; set; }

        public float X2 { get; set; }

        public float X3 { get; set; }

        public float Random { get; set; }

        public float Label { get; set; }

        public bool Positive { get; set; }
    }
}
