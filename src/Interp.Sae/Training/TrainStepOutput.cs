namespace Interp.Sae.Training;

/// <summary>One training forward pass.</summary>
/// <param name="Loss">The scalar to minimise (with its graph).</param>
/// <param name="Losses">Its parts, detached, by SAELens name (<c>mse_loss</c>, <c>l1_loss</c>, <c>l0_loss</c>, <c>auxiliary_reconstruction_loss</c>).</param>
/// <param name="Fired">Bool [d_sae]: features that fired on at least one row of the batch.</param>
/// <param name="L0">Mean number of active features per row.</param>
public sealed record TrainStepOutput(Tensor Loss, IReadOnlyDictionary<string, Tensor> Losses, Tensor Fired, double L0);
