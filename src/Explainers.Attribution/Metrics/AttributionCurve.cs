namespace Interp.Explainers.Attribution.Metrics;

/// <summary>One deletion or insertion curve of one example: the target output against the fraction of units changed.</summary>
public sealed class AttributionCurve
{
    /// <summary>Creates a curve and its area.</summary>
    /// <param name="fractions">Fraction of the units removed (deletion) or restored (insertion), from 0 to 1.</param>
    /// <param name="values">The target output (or its probability) at each fraction.</param>
    public AttributionCurve(double[] fractions, double[] values)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(values);
        if (fractions.Length != values.Length) throw new ArgumentException($"{fractions.Length} fractions but {values.Length} values.", nameof(values));
        Fractions = fractions;
        Values = values;
        for (int i = 1; i < fractions.Length; i++) Auc += (fractions[i] - fractions[i - 1]) * (values[i] + values[i - 1]) / 2;
    }

    /// <summary>x: fraction of the units changed, 0 to 1.</summary>
    public double[] Fractions { get; }

    /// <summary>y: the target output at each fraction.</summary>
    public double[] Values { get; }

    /// <summary>Area under the curve by the trapezoid rule over [0, 1].</summary>
    public double Auc { get; }
}
