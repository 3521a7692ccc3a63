using Interp.Explainers;
using Interp.Trees;
using Interp.Trees.Data;
using Interp.Trees.LightGbm;
using Xunit;

namespace Interp.Tests.Trees;

/// <summary>Corrupt, truncated or unsupported LightGBM files and bad data files fail with a message naming the line and field.</summary>
public sealed class LightGbmBadInputTests
{
    private static string Model => NativeLightGbm.Binary.Model;

    private static InterpException Fails(string text) => Assert.Throws<InterpException>(() => LightGbmTextReader.Parse(text, "m.txt"));

    private static int LineOf(string text, string prefix) => Array.FindIndex(text.Split('\n'), l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;

    [Fact]
    public void NotALightGbmModel()
    {
        Assert.Contains("line 1: expected 'tree'", Fails("{\"not\": \"a model\"}").Message);
        Assert.Contains("is empty", Fails("\n\n").Message);
        Assert.Contains("does not exist", Assert.Throws<InterpException>(() => LightGbmModel.Load("/nonexistent/model.txt")).Message);
    }

    [Fact]
    public void UnsupportedVersionNamesTheLine()
    {
        var bad = Model.Replace("version=v4", "version=v2");
        Assert.Contains($"line {LineOf(bad, "version=")}: version 'v2' is not supported", Fails(bad).Message);
    }

    [Fact]
    public void TruncatedFileSaysSo()
    {
        var cut = Model[..(Model.IndexOf("Tree=5", StringComparison.Ordinal) + 40)];
        Assert.Contains("no 'end of trees' line after 6 tree(s) (truncated file?)", Fails(cut).Message);
    }

    [Fact]
    public void WrongValueCountNamesLineAndField()
    {
        int start = Model.IndexOf("Tree=3", StringComparison.Ordinal);
        int at = Model.IndexOf("threshold=", start, StringComparison.Ordinal);
        var bad = Model[..at] + "threshold=1 2 " + Model[(Model.IndexOf('\n', at))..];
        var message = Fails(bad).Message;
        Assert.Contains($"line {bad[..at].Count(c => c == '\n') + 1}", message);
        Assert.Contains("tree 3", message);
        Assert.Contains("field 'threshold' has 2 values, expected", message);
    }

    [Fact]
    public void BadNumbersAndBitsAreNamed()
    {
        int at = Model.IndexOf("leaf_value=", StringComparison.Ordinal);
        var badNumber = Model[..(at + 11)] + "abc" + Model[(Model.IndexOf(' ', at))..];
        Assert.Contains("field 'leaf_value' value 0 'abc' is not a valid Double", Fails(badNumber).Message);

        int d = Model.IndexOf("decision_type=", StringComparison.Ordinal);
        var badBits = Model[..(d + 14)] + "14" + Model[(Model.IndexOf(' ', d))..];
        Assert.Contains("missing type 3 is not defined", Fails(badBits).Message);

        int f = Model.IndexOf("split_feature=", StringComparison.Ordinal);
        var badFeature = Model[..(f + 14)] + "99" + Model[(Model.IndexOf(' ', f))..];
        Assert.Contains("split_feature' value 0 is 99, outside 0..13", Fails(badFeature).Message);

        int l = Model.IndexOf("left_child=", StringComparison.Ordinal);
        var cycle = Model[..(l + 11)] + "0" + Model[(Model.IndexOf(' ', l))..];
        Assert.Contains("do not form a tree", Fails(cycle).Message);
    }

    [Fact]
    public void UnknownObjectiveAndLinearTreesAreRefused()
    {
        Assert.Contains("objective 'mystery' is not supported", Fails(Model.Replace("objective=binary sigmoid:1", "objective=mystery")).Message);
        Assert.Contains("linear trees", Fails(Model.Replace("is_linear=0", "is_linear=1")).Message);
    }

    [Fact]
    public void DataFileMissingAColumnOrWithTextInANumericColumnIsNamed()
    {
        var names = new[] { "age", "hours_per_week" };
        var missing = CsvTable.Parse("age,other\n1,2\n", "d.csv");
        Assert.Contains("has no column 'hours_per_week'", Assert.Throws<InterpException>(() => TabularMatrix.ToRows(missing, names)).Message);
        var text = CsvTable.Parse("age,hours_per_week\n1,2\n3,lots\n", "d.csv");
        var message = Assert.Throws<InterpException>(() => TabularMatrix.ToRows(text, names)).Message;
        Assert.Contains("'d.csv' line 3, column 'hours_per_week': 'lots' is not a number", message);
        var ragged = Assert.Throws<InterpException>(() => CsvTable.Parse("a,b\n1,2\n3\n", "r.csv")).Message;
        Assert.Contains("line 3 has 1 fields, expected 2", ragged);
    }

    [Fact]
    public void CsvReadsQuotesMissingTokensAndTabs()
    {
        var t = CsvTable.Parse("name,x,y\n\"a, \"\"quoted\"\"\", NA ,?\n b ,,3.5\n\n", "q.csv");
        Assert.Equal(2, t.RowCount);
        Assert.Equal("a, \"quoted\"", t[0, 0]);
        Assert.Null(t[0, 1]);
        Assert.Null(t[0, 2]);
        Assert.Equal("b", t[1, 0]);
        Assert.Null(t[1, 1]);
        Assert.Equal(3, t.LineOf(1));
        var rows = TabularMatrix.ToRows(t, ["y", "x"]);
        Assert.True(double.IsNaN(rows[0]) && double.IsNaN(rows[1]));
        Assert.Equal(3.5, rows[2]);
        var tsv = CsvTable.Parse("a\tb\n1\t2\n", "t.tsv");
        Assert.Equal(["a", "b"], tsv.ColumnNames);
        Assert.Equal("2", tsv[0, 1]);
    }
}
