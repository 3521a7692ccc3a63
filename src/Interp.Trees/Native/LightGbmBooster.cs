using System.Runtime.InteropServices;
using System.Text;
using Interp.Explainers;

namespace Interp.Trees.Native;

/// <summary>
/// Native LightGBM (the <c>lib_lightgbm</c> of the LightGBM package Microsoft.ML.LightGbm ships with) as an independent
/// reference: train on a dense matrix, save and load model strings, predict raw scores, leaf indices or SHAP
/// contributions. Calls are serialized per booster. Failures throw <see cref="InterpException"/> with LightGBM's message.
/// </summary>
public sealed unsafe class LightGbmBooster : IDisposable
{
    private readonly SafeBoosterHandle _handle;
    private readonly Lock _lock = new();

    private LightGbmBooster(SafeBoosterHandle handle)
    {
        _handle = handle;
        Check(LightGbmNative.LGBM_BoosterGetNumClasses(_handle, out var classes), "LGBM_BoosterGetNumClasses");
        Check(LightGbmNative.LGBM_BoosterGetNumFeature(_handle, out var features), "LGBM_BoosterGetNumFeature");
        ClassCount = classes;
        FeatureCount = features;
    }

    /// <summary>Number of classes (1 for regression and binary).</summary>
    public int ClassCount { get; }

    /// <summary>Number of input features.</summary>
    public int FeatureCount { get; }

    /// <summary>Trains a booster on a dense row-major matrix.</summary>
    /// <param name="data">rows × columns values, row-major; NaN is missing.</param>
    /// <param name="columns">Number of features.</param>
    /// <param name="labels">One label per row (class index for multiclass).</param>
    /// <param name="parameters">LightGBM parameters, <c>key=value</c> separated by spaces (objective, num_class, categorical_feature, ...).</param>
    /// <param name="iterations">Boosting iterations.</param>
    /// <param name="featureNames">Feature names written into the model (no spaces), or null for Column_i.</param>
    public static LightGbmBooster Train(ReadOnlySpan<double> data, int columns, ReadOnlySpan<float> labels, string parameters, int iterations, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (data.Length != labels.Length * columns) throw new ArgumentException($"{data.Length} values are not {labels.Length} rows × {columns} columns.", nameof(data));
        if (featureNames is not null && featureNames.Count != columns) throw new ArgumentException($"{featureNames.Count} names for {columns} columns.", nameof(featureNames));
        nint datasetPtr;
        fixed (double* p = data)
        {
            Check(LightGbmNative.LGBM_DatasetCreateFromMat(p, LightGbmNative.DTypeFloat64, labels.Length, columns, 1, parameters, 0, out datasetPtr), "LGBM_DatasetCreateFromMat");
        }

        using var dataset = new SafeDatasetHandle(datasetPtr);
        fixed (float* l = labels)
        {
            Check(LightGbmNative.LGBM_DatasetSetField(dataset, "label", l, labels.Length, LightGbmNative.DTypeFloat32), "LGBM_DatasetSetField(label)");
        }

        if (featureNames is not null) SetFeatureNames(dataset, featureNames);
        Check(LightGbmNative.LGBM_BoosterCreate(dataset, parameters, out var boosterPtr), "LGBM_BoosterCreate");
        var booster = new LightGbmBooster(new SafeBoosterHandle(boosterPtr));
        try
        {
            for (int i = 0; i < iterations; i++)
            {
                Check(LightGbmNative.LGBM_BoosterUpdateOneIter(booster._handle, out _), "LGBM_BoosterUpdateOneIter");
            }
        }
        catch
        {
            booster.Dispose();
            throw;
        }

        return booster;
    }

    /// <summary>Loads a model from LightGBM's model text.</summary>
    /// <param name="model">The model text.</param>
    /// <exception cref="InterpException">LightGBM rejected the text.</exception>
    public static LightGbmBooster FromModelString(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(LightGbmNative.LGBM_BoosterLoadModelFromString(model, out _, out var ptr), "LGBM_BoosterLoadModelFromString");
        return new LightGbmBooster(new SafeBoosterHandle(ptr));
    }

    /// <summary>The model as LightGBM's model text (all iterations).</summary>
    public string SaveModelToString()
    {
        lock (_lock)
        {
            Check(LightGbmNative.LGBM_BoosterSaveModelToString(_handle, 0, -1, 0, 0, out var length, null), "LGBM_BoosterSaveModelToString");
            var buffer = new byte[length];
            fixed (byte* b = buffer)
            {
                Check(LightGbmNative.LGBM_BoosterSaveModelToString(_handle, 0, -1, 0, length, out length, b), "LGBM_BoosterSaveModelToString");
            }

            return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));   // length counts the terminating NUL
        }
    }

    /// <summary>Predicts a dense row-major matrix.</summary>
    /// <param name="data">rows × <see cref="FeatureCount"/> values, row-major.</param>
    /// <param name="type">Raw scores, transformed predictions, leaf indices or SHAP contributions.</param>
    /// <param name="parameters">Prediction parameters (e.g. <c>num_threads=1</c>).</param>
    /// <returns>Row-major results: per row <see cref="ClassCount"/> values (raw/normal), one per tree (leaf index), or
    /// <see cref="ClassCount"/> × (<see cref="FeatureCount"/> + 1) (contributions).</returns>
    public double[] Predict(ReadOnlySpan<double> data, LightGbmPredictType type, string parameters = "")
    {
        if (data.Length % FeatureCount != 0) throw new ArgumentException($"{data.Length} values are not whole rows of {FeatureCount} features.", nameof(data));
        int rows = data.Length / FeatureCount;
        if (rows == 0) return [];
        lock (_lock)
        {
            Check(LightGbmNative.LGBM_BoosterCalcNumPredict(_handle, rows, (int)type, 0, -1, out var expected), "LGBM_BoosterCalcNumPredict");
            var result = new double[expected];
            fixed (double* p = data)
            fixed (double* r = result)
            {
                Check(LightGbmNative.LGBM_BoosterPredictForMat(_handle, p, LightGbmNative.DTypeFloat64, rows, FeatureCount, 1, (int)type, 0, -1, parameters, out var written, r), "LGBM_BoosterPredictForMat");
                if (written != expected) throw new InterpException($"LightGBM wrote {written} prediction values, expected {expected}.");
            }

            return result;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static void SetFeatureNames(SafeDatasetHandle dataset, IReadOnlyList<string> names)
    {
        var pointers = new nint[names.Count];
        try
        {
            for (int i = 0; i < names.Count; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
            fixed (nint* p = pointers)
            {
                Check(LightGbmNative.LGBM_DatasetSetFeatureNames(dataset, p, names.Count), "LGBM_DatasetSetFeatureNames");
            }
        }
        finally
        {
            foreach (var p in pointers) Marshal.FreeCoTaskMem(p);
        }
    }

    private static void Check(int status, string function)
    {
        if (status == 0) return;
        var message = Marshal.PtrToStringUTF8(LightGbmNative.LGBM_GetLastError()) ?? "(no message)";
        throw new InterpException($"LightGBM {function} failed: {message}");
    }
}
