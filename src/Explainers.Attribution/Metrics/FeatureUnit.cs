namespace Interp.Explainers.Attribution.Metrics;

/// <summary>What <see cref="DeletionInsertion"/> removes or restores at a time: the units ranked by attribution.</summary>
public enum FeatureUnit
{
    /// <summary>Each scalar of the input.</summary>
    Scalar,

    /// <summary>Each pixel across its channels (the channel axis is dropped; see <see cref="DeletionInsertionOptions.ChannelsLast"/>).</summary>
    Pixel,

    /// <summary>Square patches of <see cref="DeletionInsertionOptions.PatchSize"/> pixels over the last two spatial axes, across channels.</summary>
    Patch,

    /// <summary>The groups of the request's <c>feature_mask</c>.</summary>
    FeatureMask,

    /// <summary>The groups of the request's <c>grouped_mask</c>.</summary>
    GroupedMask,
}
