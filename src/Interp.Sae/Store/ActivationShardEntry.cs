namespace Interp.Sae.Store;

/// <summary>A completed shard in the manifest.</summary>
/// <param name="File">File name inside the store folder.</param>
/// <param name="Rows">Records in it.</param>
public sealed record ActivationShardEntry(string File, long Rows);
