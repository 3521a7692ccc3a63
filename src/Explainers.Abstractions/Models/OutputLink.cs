namespace Interp.Explainers.Models;

/// <summary>The link from raw scores to predictions, with the logistic's scale and offset.</summary>
/// <param name="Function">The function.</param>
/// <param name="Scale">For <see cref="LinkFunction.Logistic"/>: the factor on the raw score (LightGBM's <c>sigmoid</c>; −slope of a Platt calibrator).</param>
/// <param name="Offset">For <see cref="LinkFunction.Logistic"/>: added after scaling (−offset of a Platt calibrator).</param>
public sealed record OutputLink(LinkFunction Function, double Scale = 1.0, double Offset = 0.0)
{
    /// <summary>The identity link.</summary>
    public static OutputLink Identity { get; } = new(LinkFunction.Identity);

    /// <summary>Applies the link to one example's raw scores.</summary>
    /// <param name="raw">One raw score per output.</param>
    /// <param name="output">Receives one prediction per output.</param>
    public void Apply(ReadOnlySpan<double> raw, Span<double> output)
    {
        if (output.Length < raw.Length) throw new ArgumentException("The output is shorter than the raw scores.", nameof(output));
        if (Function == LinkFunction.Softmax)
        {
            double max = double.NegativeInfinity;
            foreach (var r in raw) max = Math.Max(max, r);
            double sum = 0;
            for (int i = 0; i < raw.Length; i++) sum += output[i] = Math.Exp(raw[i] - max);
            for (int i = 0; i < raw.Length; i++) output[i] /= sum;
            return;
        }

        for (int i = 0; i < raw.Length; i++)
        {
            double r = raw[i];
            output[i] = Function switch
            {
                LinkFunction.Identity => r,
                LinkFunction.Logistic => 1.0 / (1.0 + Math.Exp(-(Scale * r + Offset))),
                LinkFunction.Exp => Math.Exp(r),
                LinkFunction.SignedSquare => Math.Sign(r) * r * r,
                LinkFunction.Softplus => double.LogP1(Math.Exp(r)),
                _ => throw new InvalidOperationException($"Unknown link function {Function}."),
            };
        }
    }
}
