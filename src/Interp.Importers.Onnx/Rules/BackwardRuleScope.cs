using Interp.Explainers.Models;

namespace Interp.Importers.Onnx.Rules;

/// <summary>
/// The backward rule in force on this thread while an imported graph is evaluated: the op implementations of
/// ReLU, Sigmoid, Tanh and MaxPool consult it and return custom autograd functions whose backward applies the
/// rule. Scopes nest; disposing restores the previous rule.
/// </summary>
internal sealed class BackwardRuleScope : IDisposable
{
    [ThreadStatic]
    private static BackwardRuleScope? _current;

    private readonly BackwardRuleScope? _previous;

    private BackwardRuleScope(NonlinearityRule rule, bool deepLift, double epsilon)
    {
        Rule = rule;
        DeepLift = deepLift;
        Epsilon = epsilon;
        _previous = _current;
        _current = this;
    }

    /// <summary>The rule in force, or null for plain gradients.</summary>
    public static BackwardRuleScope? Current => _current;

    public NonlinearityRule Rule { get; }

    /// <summary>DeepLIFT Rescale: the batch is [inputs; references] and nonlinearities use Δy/Δx.</summary>
    public bool DeepLift { get; }

    public double Epsilon { get; }

    public static BackwardRuleScope ForRelu(NonlinearityRule rule) => new(rule, deepLift: false, 0);

    public static BackwardRuleScope ForDeepLift(double epsilon) => new(NonlinearityRule.Gradient, deepLift: true, epsilon);

    public void Dispose() => _current = _previous;
}
