using Interp.Explainers.MLNet;
using Microsoft.ML;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>
/// The explanation view is lazy and bounded: nothing is read before a cursor moves, the look-ahead cursor that feeds a
/// window is never more than one window ahead of the caller's cursor (measured on the view the transformer reads), asking only for input columns computes nothing,
/// and the values do not depend on the window size.
/// </summary>
public sealed class StreamingExplainTests
{
    [Fact]
    public void LookAheadStaysWithinOneWindowAndValuesDoNotDependOnIt()
    {
        var ml = AdultModels.Ml;
        var model = AdultModels.Get("lightgbm-binary").Transformer;
        var source = new TrackingDataView(model.Transform(AdultModels.HeldOut));
        var small = ml.Explain().TreeShap(model, new TreeShapEstimatorOptions { WindowRows = 128, Threads = 2 }).Fit(AdultModels.Train);
        var explained = small.Transform(source);
        Assert.Equal(0, source.CursorsOpened);

        var values = ExplainColumns.Vectors(explained, "Shap");
        Assert.Equal(2000, values.Length);
        Assert.Equal(2, source.CursorsOpened);
        Assert.True(source.MaxSpread is >= 1 and <= 128, $"look-ahead {source.MaxSpread} rows: {source.Log}");

        // Only input columns: a single pass, no look-ahead.
        var quiet = new TrackingDataView(model.Transform(AdultModels.HeldOut));
        Assert.Equal(2000, ExplainColumns.Scalars(small.Transform(quiet), "Score").Length);
        Assert.Equal(1, quiet.CursorsOpened);

        var whole = ml.Explain().TreeShap(model, new TreeShapEstimatorOptions { WindowRows = 5000, Threads = 1 }).Fit(AdultModels.Train);
        var reference = ExplainColumns.Vectors(whole.Transform(model.Transform(AdultModels.HeldOut)), "Shap");
        for (int r = 0; r < values.Length; r++) Assert.Equal(reference[r], values[r]);
    }
}
