namespace Interp.Explainers.Mechanistic.AttributionPatching;

/// <summary>Options of <see cref="AttributionPatching"/> (the same grid and metric as activation patching).</summary>
public sealed class AttributionPatchingOptions : ActivationPatching.PatchingOptions
{
}
