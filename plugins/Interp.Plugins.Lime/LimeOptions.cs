using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Interp.Explainers;

namespace Interp.Plugins.Lime;

/// <summary>Options of <see cref="Lime"/> (section <c>Interp:Explainers:Lime</c>).</summary>
public sealed class LimeOptions : PerturbationOptions, IValidatableObject
{
    /// <summary>The default of <see cref="Alpha"/> (Captum's <c>SkLearnLasso(alpha=0.01)</c>).</summary>
    public const double DefaultAlpha = 0.01;

    /// <summary>
    /// Perturbed samples drawn per example (Captum: <c>n_samples</c>, default 50). Each costs one model row.
    /// </summary>
    [Range(1, 1_000_000)]
    public int Samples { get; set; } = 50;

    /// <summary>
    /// The interpretable features (Captum: <c>feature_mask</c>): <see cref="MaskKind.Feature"/> (default) the groups
    /// of the request's <c>feature_mask</c>, or every scalar its own feature when the request has none (Captum's
    /// behaviour with <c>feature_mask=None</c>); <see cref="MaskKind.None"/> every scalar its own feature;
    /// <see cref="MaskKind.Grouped"/> the groups of the request's <c>grouped_mask</c> (required then).
    /// Group ids may be any integers; the sorted distinct ids of an example become features 0..G−1.
    /// </summary>
    public MaskKind Mask { get; set; } = MaskKind.Feature;

    /// <summary>
    /// The L1 penalty α of the Lasso surrogate (Captum: the <c>alpha</c> of <c>SkLearnLasso(alpha=0.01)</c>), ≥ 0;
    /// 0 gives weighted least squares. Objective: (1/(2·Σw))·Σ wᵢ(yᵢ − b − zᵢ·β)² + α‖β‖₁.
    /// </summary>
    [Range(0.0, double.MaxValue)]
    public double Alpha { get; set; } = DefaultAlpha;

    /// <summary>
    /// The interpretable model (Captum: <c>interpretable_model</c>): <see cref="LimeSurrogate.Lasso"/> (default,
    /// penalty <see cref="Alpha"/>) or <see cref="LimeSurrogate.Linear"/> (weighted least squares, α = 0).
    /// </summary>
    public LimeSurrogate Surrogate { get; set; } = LimeSurrogate.Lasso;

    /// <summary>
    /// Width of the exponential kernel on the cosine distance d between the input and a perturbed input
    /// (Captum: <c>kernel_width</c> of <c>get_exp_kernel_similarity_function('cosine', kernel_width=1.0)</c>):
    /// sample weight = exp(−d²/(2·KernelWidth²)). Must be &gt; 0.
    /// </summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double KernelWidth { get; set; } = 1.0;

    /// <summary>
    /// Seed of the Bernoulli draws (Captum draws with torch's global generator). Null (default): the request's seed,
    /// or 0 when that is null too. Example n draws from <c>System.Random</c> seeded with a fixed mix of the seed and n,
    /// so the same seed always gives the same samples, independent of batching.
    /// </summary>
    public int? Seed { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Surrogate == LimeSurrogate.Linear && Alpha != DefaultAlpha && Alpha != 0)
        {
            yield return new ValidationResult(
                $"Surrogate=Linear fits weighted least squares (alpha 0), so Alpha={Alpha.ToString(CultureInfo.InvariantCulture)} contradicts it; use Surrogate=Lasso to set Alpha, or leave Alpha unset.",
                [nameof(Surrogate), nameof(Alpha)]);
        }
    }
}
