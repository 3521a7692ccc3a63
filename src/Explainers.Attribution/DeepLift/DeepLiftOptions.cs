using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.DeepLift;

/// <summary>Options of <see cref="DeepLift"/> and <see cref="DeepLiftShap.DeepLiftShap"/>.</summary>
public sealed class DeepLiftOptions : PerturbationOptions
{
    /// <summary>Multiply the multipliers by (input − baseline) (Captum: <c>multiply_by_inputs</c>), default true.</summary>
    public bool MultiplyByInputs { get; set; } = true;

    /// <summary>|Δx| below which a nonlinearity uses its plain derivative (Captum: <c>eps</c>), default 1e-10.</summary>
    [Range(0.0, 1.0)]
    public double Epsilon { get; set; } = 1e-10;
}
