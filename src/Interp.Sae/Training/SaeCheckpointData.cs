using Interp.Sae.IO;

namespace Interp.Sae.Training;

/// <summary>Everything a checkpoint holds: config, the options that change results, the step, weights, Adam state, dead-feature counters and the batch source's position (cursor, shuffle buffer, random state).</summary>
/// <param name="Config">The SAE config (architecture included).</param>
/// <param name="OptionsFingerprint"><see cref="SaeTrainingOptions.ResultFingerprint"/> of the run.</param>
/// <param name="SourceFingerprint">The batch source's fingerprint.</param>
/// <param name="Step">Steps completed.</param>
/// <param name="AdamSteps">Adam's step count.</param>
/// <param name="Arrays">Weights (<c>param.*</c>), Adam moments (<c>adam.*</c>), counters (<c>dead.*</c>).</param>
/// <param name="Source">The batch source's state.</param>
public sealed record SaeCheckpointData(SaeConfig Config, string OptionsFingerprint, string SourceFingerprint, int Step, long AdamSteps, IReadOnlyDictionary<string, NamedArray> Arrays, BatchSourceState Source);
