using Interp.Backends.MLNet;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Trees;
using Interp.Trees.Data;

namespace Interp.Cli.Commands;

/// <summary>
/// The model and data of <c>interp shap</c>: a LightGBM text model (<c>.txt</c>) or an ML.NET tree model (<c>.zip</c>),
/// and CSV rows matched to it by column name (label dropped; empty cells and <c>NA</c> missing). ML.NET trees carry no
/// covers: they are counted on the background file if given, else on the explained rows.
/// </summary>
internal sealed record ShapData(IModel Model, NdArray<double> Rows, NdArray<double>? Background)
{
    public static ShapData Load(string modelPath, string dataPath, string? backgroundPath, string? label)
    {
        if (label is not null) CheckLabel(dataPath, label);
        var extension = Path.GetExtension(modelPath).ToLowerInvariant();
        return extension switch
        {
            ".txt" => FromLightGbm(LightGbmModel.Load(modelPath, LightGbmOutput.RawScore), dataPath, backgroundPath, label),
            ".zip" => FromMLNet(MLNetModel.Load(modelPath), dataPath, backgroundPath),
            _ => throw new InterpException($"'{modelPath}': interp shap reads LightGBM text models (.txt) and ML.NET models (.zip), not '{extension}' files.") { IsConfigurationError = true },
        };
    }

    private static ShapData FromLightGbm(LightGbmModel model, string dataPath, string? backgroundPath, string? label)
    {
        if (label is not null && model.FeatureNames.Contains(label)) throw new InterpException($"The label column '{label}' is one of the model's features.") { IsConfigurationError = true };
        NdArray<double> Read(string path)
        {
            var table = CsvTable.Read(path);
            return new NdArray<double>(TabularMatrix.ToRows(table, model.FeatureNames, model.Info.CategoryLevels), table.RowCount, model.FeatureNames.Count);
        }

        return new ShapData(model, Read(dataPath), backgroundPath is null ? null : Read(backgroundPath));
    }

    private static ShapData FromMLNet(MLNetModel model, string dataPath, string? backgroundPath)
    {
        if (model is not MLNetTreeModel && model.TreesUnavailableReason is null) return Featurized(model, dataPath, backgroundPath);
        if (model is not MLNetTreeModel trees)
        {
            model.Dispose();
            throw new InterpException($"'{model.Source.Path}' is not a tree ensemble TreeSHAP can read{(model.TreesUnavailableReason is { } why ? ": " + why : " (FastTree, FastForest or LightGBM).")}");
        }

        var data = MLNetData.LoadCsv(trees, dataPath);
        var background = backgroundPath is null ? null : MLNetData.LoadCsv(trees, backgroundPath);
        trees.WithCovers(background ?? data);
        NdArray<double> Rows(Microsoft.ML.IDataView view)
        {
            var x = trees.Featurize(view);
            return new NdArray<double>(Array.ConvertAll(x.Data, v => (double)v), x.Shape[0], x.Shape[1]);
        }

        return new ShapData(trees, Rows(data), background is null ? null : Rows(background));
    }

    /// <summary>Any other ML.NET model: its feature vectors, for the model-agnostic explainers (or LinearShap).</summary>
    private static ShapData Featurized(MLNetModel model, string dataPath, string? backgroundPath)
    {
        NdArray<double> Rows(string path)
        {
            var x = model.Featurize(MLNetData.LoadCsv(model, path));
            return new NdArray<double>(Array.ConvertAll(x.Data, v => (double)v), x.Shape[0], x.Shape[1]);
        }

        return new ShapData(model, Rows(dataPath), backgroundPath is null ? null : Rows(backgroundPath));
    }

    private static void CheckLabel(string dataPath, string label)
    {
        var table = CsvTable.Read(dataPath);
        if (table.IndexOf(label) < 0) throw new InterpException($"Data file '{dataPath}' has no label column '{label}'; its columns: {string.Join(", ", table.ColumnNames)}.");
    }
}
