using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.NoiseTunnel;

/// <summary>Options of <see cref="NoiseTunnel"/> (section <c>Interp:Explainers:NoiseTunnel</c>).</summary>
public sealed class NoiseTunnelOptions : PerturbationOptions, IValidatableObject
{
    /// <summary>The wrapped explainer's name or alias (e.g. <c>saliency</c>); its options come from its own section.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Inner { get; set; } = "Saliency";

    /// <summary><c>smoothgrad</c> (mean), <c>smoothgrad_sq</c> (mean of squares) or <c>vargrad</c> (variance) (Captum: <c>nt_type</c>).</summary>
    public string Type { get; set; } = "smoothgrad";

    /// <summary>Noisy copies per example (Captum: <c>nt_samples</c>), default 5.</summary>
    [Range(1, 100_000)]
    public int Samples { get; set; } = 5;

    /// <summary>Standard deviation of the Gaussian noise (Captum: <c>stdevs</c>), default 1.0.</summary>
    [Range(0.0, 1e6)]
    public double Stdev { get; set; } = 1.0;

    /// <summary>Seed of the noise; null uses the request's seed (then 0).</summary>
    public int? Seed { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Type is not ("smoothgrad" or "smoothgrad_sq" or "vargrad"))
        {
            yield return new ValidationResult($"'{Type}' is not a noise tunnel type; use smoothgrad, smoothgrad_sq or vargrad.", [nameof(Type)]);
        }

        if (string.Equals(Inner, "NoiseTunnel", StringComparison.OrdinalIgnoreCase) || string.Equals(Inner, "noise-tunnel", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("a noise tunnel cannot wrap itself.", [nameof(Inner)]);
        }
    }
}
