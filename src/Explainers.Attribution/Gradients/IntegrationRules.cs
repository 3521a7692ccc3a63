namespace Interp.Explainers.Attribution.Gradients;

/// <summary>Parses integration rule names: Captum's (<c>gausslegendre</c>, <c>riemann_left</c>, ...) and the enum names.</summary>
public static class IntegrationRules
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gausslegendre", "riemann_left", "riemann_right", "riemann_middle", "riemann_trapezoid", "trapezoid"];

    /// <summary>Parses a rule name (case-insensitive; underscores optional).</summary>
    /// <param name="name">The name.</param>
    /// <param name="rule">The rule.</param>
    public static bool TryParse(string? name, out IntegrationRule rule)
    {
        var key = (name ?? "").Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        (bool ok, rule) = key switch
        {
            "gausslegendre" => (true, IntegrationRule.GaussLegendre),
            "riemannleft" => (true, IntegrationRule.RiemannLeft),
            "riemannright" => (true, IntegrationRule.RiemannRight),
            "riemannmiddle" => (true, IntegrationRule.RiemannMiddle),
            "riemanntrapezoid" => (true, IntegrationRule.RiemannTrapezoid),
            "trapezoid" => (true, IntegrationRule.Trapezoid),
            _ => (false, IntegrationRule.GaussLegendre),
        };
        return ok;
    }
}
