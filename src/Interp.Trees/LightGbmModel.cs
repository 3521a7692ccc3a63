using System.Security.Cryptography;
using System.Text;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Trees.LightGbm;

namespace Interp.Trees;

/// <summary>
/// A LightGBM model text file as an Interp model: a batched predictor over [batch, features] (evaluated in managed code;
/// raw scores equal native LightGBM's), with its feature names and its exact trees for TreeSHAP.
/// </summary>
public sealed class LightGbmModel : IPredictor, IHasFeatureNames, ITreeEnsembleModel
{
    private LightGbmModel(LightGbmModelInfo info, ModelSource source, LightGbmOutput output)
    {
        Info = info;
        Source = source;
        OutputKind = output;
        Inputs = [new TensorSpec("features", typeof(float), [-1, info.Ensemble.FeatureCount])];
        Output = new TensorSpec(output == LightGbmOutput.RawScore ? "raw_score" : "prediction", typeof(float), [-1, info.Ensemble.OutputCount]);
    }

    /// <summary>Everything read from the file.</summary>
    public LightGbmModelInfo Info { get; }

    /// <summary>What <see cref="Predict"/> returns.</summary>
    public LightGbmOutput OutputKind { get; }

    /// <inheritdoc />
    public ModelSource Source { get; }

    /// <inheritdoc />
    public TreeEnsemble Ensemble => Info.Ensemble;

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames => Info.Ensemble.FeatureNames!;

    /// <inheritdoc />
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <inheritdoc />
    public TensorSpec Output { get; }

    /// <summary>Loads a LightGBM model text file.</summary>
    /// <param name="path">The <c>.txt</c> file.</param>
    /// <param name="output">Predictions (default) or raw scores.</param>
    /// <exception cref="InterpException">Missing, corrupt or unsupported file.</exception>
    public static LightGbmModel Load(string path, LightGbmOutput output = LightGbmOutput.Prediction)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"LightGBM model file '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        var info = LightGbmTextReader.Parse(Encoding.UTF8.GetString(bytes), path);
        return new LightGbmModel(info, new ModelSource(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), "lightgbm"), output);
    }

    /// <summary>A model from LightGBM model text held in memory.</summary>
    /// <param name="text">The model text.</param>
    /// <param name="output">Predictions (default) or raw scores.</param>
    /// <exception cref="InterpException">Corrupt or unsupported model.</exception>
    public static LightGbmModel FromString(string text, LightGbmOutput output = LightGbmOutput.Prediction)
    {
        var info = LightGbmTextReader.Parse(text);
        return new LightGbmModel(info, new ModelSource(null, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), "lightgbm"), output);
    }

    /// <summary>Raw scores of row-major rows, in double precision: rows × classes.</summary>
    /// <param name="rows">rows × features values.</param>
    public double[] PredictRaw(ReadOnlySpan<double> rows) => Evaluate(rows, raw: true);

    /// <summary>Predictions (the link applied) of row-major rows: rows × classes.</summary>
    /// <param name="rows">rows × features values.</param>
    public double[] PredictTransformed(ReadOnlySpan<double> rows) => Evaluate(rows, raw: false);

    /// <inheritdoc />
    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = TreeInputs.ToRows(inputs, Ensemble.FeatureCount, Source.Path ?? "lightgbm model");
        var result = Evaluate(rows, OutputKind == LightGbmOutput.RawScore);
        return new NdArray<float>(Array.ConvertAll(result, v => (float)v), inputs[0].Shape[0], Ensemble.OutputCount);
    }

    private double[] Evaluate(ReadOnlySpan<double> rows, bool raw)
    {
        int f = Ensemble.FeatureCount;
        int k = Ensemble.OutputCount;
        if (rows.Length % f != 0) throw new ArgumentException($"{rows.Length} values are not whole rows of {f} features.", nameof(rows));
        int n = rows.Length / f;
        var result = new double[n * k];
        for (int r = 0; r < n; r++)
        {
            var row = rows.Slice(r * f, f);
            var output = result.AsSpan(r * k, k);
            if (raw) Ensemble.PredictRaw(row, output);
            else Ensemble.Predict(row, output);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() { }
}
