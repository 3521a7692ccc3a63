using System.Reflection;
using Interp.Explainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>The estimators' schema shapes: input columns kept, explanation columns added (Single vectors with slot names, scalar or per-class base).</summary>
public sealed class EstimatorShapeTests
{
    [Fact]
    public void GetOutputSchemaAddsTheColumnsTheTransformerAdds()
    {
        var ml = AdultModels.Ml;
        var model = AdultModels.Get("lightgbm-binary").Transformer;
        var estimator = ml.Explain().TreeShap(model);
        var scored = model.Transform(AdultModels.HeldOut);
        var shape = estimator.GetOutputSchema(Shape(scored.Schema));
        var actual = estimator.Fit(AdultModels.Train).Transform(scored).Schema;

        Assert.Equal(actual.Where(c => !c.IsHidden).Select(c => c.Name).Order(), shape.Select(c => c.Name).Order());
        var shap = shape.Single(c => c.Name == "Shap");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, shap.Kind);
        Assert.Equal(NumberDataViewType.Single, shap.ItemType);
        Assert.Contains(shap.Annotations, a => a.Name == "SlotNames");
        Assert.Equal(SchemaShape.Column.VectorKind.Scalar, shape.Single(c => c.Name == "ShapBase").Kind);
        Assert.True(actual["Shap"].HasSlotNames());
        Assert.Equal(estimator.OutputColumnNames, ["Shap", "ShapBase"]);
        Assert.Equal("Features", estimator.InputColumnName);

        var raw = Assert.Throws<Explainers.InterpException>(() => estimator.GetOutputSchema(Shape(AdultModels.HeldOut.Schema)));
        Assert.Contains("no column 'Features'", raw.Message);
    }

    /// <summary>ML.NET keeps SchemaShape.Create internal; the test reaches it by reflection to build an input shape.</summary>
    private static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!.Invoke(null, [schema])!;
}
