namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// Draws the perturbations of a metric, one vector per (example, draw), each of the size of one example of the
/// attributed input. Infidelity evaluates f(x − I); SensitivityMax re-explains x + d.
/// </summary>
public interface IPerturbationSource
{
    /// <summary>Writes draw <paramref name="draw"/> of example <paramref name="example"/> into <paramref name="perturbation"/>.</summary>
    /// <param name="example">Example index n.</param>
    /// <param name="draw">Draw index k (0 ≤ k &lt; draws per example).</param>
    /// <param name="input">The example's input (perturbations may depend on it).</param>
    /// <param name="perturbation">Receives the perturbation (same length as <paramref name="input"/>).</param>
    void Fill(int example, int draw, ReadOnlySpan<float> input, Span<float> perturbation);
}
