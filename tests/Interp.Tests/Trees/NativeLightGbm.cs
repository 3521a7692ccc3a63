using Interp.Trees.Native;

namespace Interp.Tests.Trees;

/// <summary>Models trained by native LightGBM in the test (LGBM_BoosterCreate), cached per configuration.</summary>
internal static class NativeLightGbm
{
    public const string Common = "num_threads=1 deterministic=true force_row_wise=true verbose=-1 seed=7 num_leaves=15 min_data_in_leaf=20 learning_rate=0.2 max_cat_to_onehot=4";

    private static readonly Lazy<(AdultData Data, string Model)> BinaryModel = new(() =>
    {
        var data = new AdultData("income", 5000).WithMissing(0.15, 1, "age", "hours-per-week", "fnlwgt");
        return (data, Train(data, $"objective=binary categorical_feature={data.CategoricalIndices}", 30));
    });

    private static readonly Lazy<(AdultData Data, string Model)> MulticlassModel = new(() =>
    {
        var data = new AdultData("relationship", 4000).WithMissing(0.15, 2, "age", "education-num");
        return (data, Train(data, $"objective=multiclass num_class={data.LabelLevels.Length} zero_as_missing=true categorical_feature={data.CategoricalIndices}", 8));
    });

    /// <summary>Binary income model on 5,000 rows (15% of age, hours-per-week, fnlwgt set missing), 30 iterations.</summary>
    public static (AdultData Data, string Model) Binary => BinaryModel.Value;

    /// <summary>Multiclass relationship model (6 classes) on 4,000 rows, zero_as_missing, 8 iterations.</summary>
    public static (AdultData Data, string Model) Multiclass => MulticlassModel.Value;

    public static string Train(AdultData data, string parameters, int iterations)
    {
        using var booster = LightGbmBooster.Train(data.X, data.FeatureCount, data.Y, $"{Common} {parameters}", iterations, data.Features.Select(f => f.Replace('-', '_')).ToArray());
        return booster.SaveModelToString();
    }
}
