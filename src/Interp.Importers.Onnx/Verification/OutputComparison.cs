namespace Interp.Importers.Onnx.Verification;

/// <summary>How one output (or node value) of the imported model compares with ONNX Runtime's.</summary>
/// <param name="Name">The value name.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="MaxAbs">Largest absolute difference.</param>
/// <param name="MaxRel">Largest difference relative to the reference value's magnitude (|Δ| / max(|ref|, 1e-6)).</param>
/// <param name="Scale">Largest |reference value| (at least 1): tolerances are relative to it.</param>
/// <param name="WithinTolerance">MaxAbs ≤ tolerance × Scale.</param>
public sealed record OutputComparison(string Name, IReadOnlyList<long> Shape, double MaxAbs, double MaxRel, double Scale, bool WithinTolerance);
