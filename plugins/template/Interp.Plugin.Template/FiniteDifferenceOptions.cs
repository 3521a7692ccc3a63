using System.ComponentModel.DataAnnotations;
using Interp.Explainers;

namespace Interp.Plugin.Template;

/// <summary>Options of <see cref="FiniteDifferenceInputXGradient"/> (section <c>Interp:Explainers:FiniteDifferenceInputXGradient</c>).</summary>
public sealed class FiniteDifferenceOptions : PerturbationOptions
{
    /// <summary>The finite-difference step h.</summary>
    [Range(1e-8, 1.0)]
    public double Step { get; set; } = 1e-3;
}
