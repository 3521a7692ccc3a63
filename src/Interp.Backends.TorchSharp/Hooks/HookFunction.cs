using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Hooks;

/// <summary>
/// A forward hook on a <see cref="HookPoint"/>: receives the activation (and the hook point, for its name) and
/// returns a replacement, or null to keep the activation unchanged (TransformerLens' hook convention).
/// </summary>
/// <param name="activation">The activation flowing through the hook point.</param>
/// <param name="hook">The hook point.</param>
public delegate Tensor? HookFunction(Tensor activation, HookPoint hook);
