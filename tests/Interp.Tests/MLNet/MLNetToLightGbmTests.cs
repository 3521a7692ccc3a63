using Interp.Tests.Trees;
using Interp.Trees;
using Interp.Trees.LightGbm;
using Interp.Trees.Native;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>
/// ML.NET ensembles written in LightGBM's text format and loaded by native LightGBM: an independent reference for ML.NET
/// models. Native raw scores equal ML.NET's Score (1e-6 scaled, ML.NET stores float), counts equal routed data.
/// </summary>
public sealed class MLNetToLightGbmTests
{
    [Theory]
    [InlineData("fasttree-binary")]
    [InlineData("lightgbm-binary")]
    [InlineData("fastforest-regression")]
    public void NativeLightGbmReproducesMLNetScores(string kind)
    {
        var model = AdultModels.Get(kind).WithCovers(AdultModels.Train);
        var text = model.ToLightGbmText(out var layout);
        if (kind != "fastforest-regression") Assert.True(layout.Columns.Count > 0, "one-hot sets become category codes");
        using var native = LightGbmBooster.FromModelString(text);
        Assert.Equal(layout.FeatureCount, native.FeatureCount);

        var data = AdultModels.HeldOut;
        var expected = AdultMLNet.Column(model.Transformer.Transform(data), "Score");
        var rows = layout.Expand(AdultMLNet.ToDouble(model.Featurize(data).Data));
        // FastForest regression averages its trees: written with average_output, which native LightGBM applies to
        // normal predictions only (its raw score of an averaged model is the sum); the objective is the identity.
        var type = kind == "fastforest-regression" ? LightGbmPredictType.Normal : LightGbmPredictType.RawScore;
        MLNetTreeTraversalTests.AssertScaledClose(expected, native.Predict(rows, type, "num_threads=1"), $"{kind}: native LightGBM vs ML.NET");

        // Our reader reads the written file back to the same trees and counts.
        var back = LightGbmTextReader.Parse(text, kind).Ensemble;
        var routed = TreeCovers.Compute(back, layout.Expand(AdultMLNet.ToDouble(model.Featurize(AdultModels.Train).Data)));
        for (int t = 0; t < back.Trees.Count; t++)
        {
            Assert.Equal(model.Ensemble.Trees[t].LeafCover, back.Trees[t].LeafCover);
            Assert.Equal(back.Trees[t].LeafCover, routed.Trees[t].LeafCover);
        }
    }
}
