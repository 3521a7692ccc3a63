namespace Interp.Sae.Evaluation;

/// <summary>
/// Runs the model on the evaluation tokens with the SAE's hook point replaced by <paramref name="replace"/> (null =
/// the clean run) and returns the logits <c>[batch, pos, vocab]</c>. A hooked model wires it with a scoped hook, e.g.
/// <c>r =&gt; { using var h = model.AddHook(cfg.HookName, (a, _) =&gt; r?.Invoke(a)); return model.Run(tokens); }</c>.
/// </summary>
/// <param name="replace">Activation → replacement, or null.</param>
public delegate Tensor RunWithHookReplaced(Func<Tensor, Tensor>? replace);
