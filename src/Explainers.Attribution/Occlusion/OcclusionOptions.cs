using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.Occlusion;

/// <summary>Options of <see cref="Occlusion"/> (section <c>Interp:Explainers:Occlusion</c>).</summary>
public sealed class OcclusionOptions : PerturbationOptions, IValidatableObject
{
    /// <summary>
    /// Window shape over the dimensions of one example (Captum: <c>sliding_window_shapes</c>), e.g. <c>1,3,3</c> for a
    /// [channels, height, width] image. Null: every window is a single scalar.
    /// </summary>
    public int[]? SlidingWindowShapes { get; set; }

    /// <summary>Step of the window per dimension (Captum: <c>strides</c>); null = 1 in every dimension.</summary>
    public int[]? Strides { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SlidingWindowShapes is { } w && w.Any(d => d < 1))
        {
            yield return new ValidationResult("every window dimension must be >= 1.", [nameof(SlidingWindowShapes)]);
        }

        if (Strides is { } s)
        {
            if (s.Any(d => d < 1)) yield return new ValidationResult("every stride must be >= 1.", [nameof(Strides)]);
            if (SlidingWindowShapes is { } win && win.Length != s.Length)
            {
                yield return new ValidationResult(
                    $"Strides has {s.Length} dimension(s) but SlidingWindowShapes has {win.Length}; give one stride per window dimension.",
                    [nameof(Strides), nameof(SlidingWindowShapes)]);
            }
        }
    }
}
