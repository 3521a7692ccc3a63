namespace Interp.Explainers.Models;

/// <summary>Which values a numeric split treats as missing (LightGBM's <c>missing_type</c>, bits 2–3 of <c>decision_type</c>).</summary>
public enum MissingValueType
{
    /// <summary>Nothing is missing: NaN is read as 0 and compared with the threshold.</summary>
    None = 0,

    /// <summary>0 (|x| &lt;= 1e-35) and NaN are missing and go the default way.</summary>
    Zero = 1,

    /// <summary>NaN is missing and goes the default way.</summary>
    NaN = 2,
}
