namespace Interp.Sae.Store;

/// <summary>
/// Something that produces activations of one hook point in batches — a hooked model run over a corpus (plug a
/// HookedTransformer in here), an ONNX-imported model, or synthetic data. Must be deterministic: enumerating it again
/// yields the same rows in the same order, which is what lets an interrupted collection resume by skipping the rows
/// already on disk.
/// </summary>
public interface IActivationSource
{
    /// <summary>The hook point's name (e.g. <c>blocks.2.hook_resid_post</c>).</summary>
    string HookName { get; }

    /// <summary>Width of each activation.</summary>
    int DModel { get; }

    /// <summary>Identifies model + corpus + hook + settings; a store only resumes with the same fingerprint.</summary>
    string Fingerprint { get; }

    /// <summary>The batches, in a fixed order.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    IEnumerable<ActivationBatch> ReadBatches(CancellationToken cancellationToken = default);
}
