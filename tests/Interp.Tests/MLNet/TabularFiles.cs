using Interp.Backends.MLNet;
using Interp.Trees.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Tests.MLNet;

/// <summary>breast_cancer.csv and penguins.csv from shared/data/tabular as ML.NET data.</summary>
internal static class TabularFiles
{
    public static readonly string[] PenguinNumeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"];

    private static string Tabular(string file) => Path.Combine(TestPaths.Shared, "data", "tabular", file);

    /// <summary>Breast cancer (sklearn layout: a count line, 30 features, target 0 malignant / 1 benign): Features [30] and Label (bool).</summary>
    public static IDataView BreastCancer(MLContext ml)
    {
        var loader = ml.Data.CreateTextLoader(
            [new TextLoader.Column("Features", DataKind.Single, 0, 29), new TextLoader.Column("Target", DataKind.Single, 30)],
            separatorChar: ',',
            hasHeader: true);
        var raw = loader.Load(Tabular("breast_cancer.csv"));
        return ml.Transforms.CustomMapping<TargetRow, LabelRow>((t, l) => l.Label = t.Target > 0.5f, contractName: null).Fit(raw).Transform(raw);
    }

    /// <summary>Penguins (NA cells missing: NaN numbers, empty text) through Interp's CSV reader; Label = species as a key.</summary>
    public static IDataView Penguins(MLContext ml)
    {
        var table = CsvTable.Read(Tabular("penguins.csv"));
        var schema = new DataViewSchema.Builder();
        foreach (var c in table.ColumnNames) schema.AddColumn(c, PenguinNumeric.Contains(c) || c == "year" ? NumberDataViewType.Single : TextDataViewType.Instance);
        var view = MLNetData.FromTable(table, schema.ToSchema(), table.ColumnNames);
        return ml.Transforms.Conversion.MapValueToKey("Label", "species").Fit(view).Transform(view);
    }

    /// <summary>The numeric target column of breast_cancer.csv.</summary>
    public sealed class TargetRow
    {
        public float Target { get; set; }
    }

    /// <summary>The boolean label.</summary>
    public sealed class LabelRow
    {
        public bool Label { get; set; }
    }
}
