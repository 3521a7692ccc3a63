namespace Interp.Explainers.Attribution.Gradients;

/// <summary>Quadrature rule of a path integral (Captum's <c>method</c> of IntegratedGradients).</summary>
public enum IntegrationRule
{
    /// <summary><c>gausslegendre</c> (Captum's default).</summary>
    GaussLegendre,

    /// <summary><c>riemann_left</c>.</summary>
    RiemannLeft,

    /// <summary><c>riemann_right</c>.</summary>
    RiemannRight,

    /// <summary><c>riemann_middle</c>.</summary>
    RiemannMiddle,

    /// <summary><c>riemann_trapezoid</c> exactly as Captum (end weights halved from 1/n: the weights sum to (n − 1)/n).</summary>
    RiemannTrapezoid,

    /// <summary>The textbook trapezoid rule (weights 1/(n − 1), halved at both ends; sum 1).</summary>
    Trapezoid,
}
