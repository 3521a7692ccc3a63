namespace Interp.Explainers;

/// <summary>
/// An error caused by what the user supplied (a file, a field, an option) rather than a bug. Its message is one
/// clear line that names the file or field and what was expected; the CLI prints it without a stack trace.
/// </summary>
public class InterpException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the file/field and the expectation.</param>
    public InterpException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">One line naming the file/field and the expectation.</param>
    /// <param name="inner">The underlying error.</param>
    public InterpException(string message, Exception inner) : base(message, inner) { }

    /// <summary>True when the error is about usage or configuration (CLI exit code 2) rather than input data (exit 1).</summary>
    public bool IsConfigurationError { get; init; }
}
