namespace Interp.Plugins.Lime;

/// <summary>The interpretable model LIME fits to the perturbed samples (Captum: <c>interpretable_model</c>).</summary>
public enum LimeSurrogate
{
    /// <summary>Weighted Lasso with penalty <see cref="LimeOptions.Alpha"/> (Captum's default, <c>SkLearnLasso(alpha=0.01)</c>).</summary>
    Lasso,

    /// <summary>Weighted ordinary least squares, i.e. Lasso with α = 0 (Captum: <c>SkLearnLinearRegression</c>).</summary>
    Linear,
}
