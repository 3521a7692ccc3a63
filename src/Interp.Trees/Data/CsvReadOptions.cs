namespace Interp.Trees.Data;

/// <summary>How <see cref="CsvTable"/> reads a delimited text file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator; null: tab if the first line has one, else ';' if it has one and no ',', else ','.</summary>
    public char? Separator { get; init; }

    /// <summary>Whether the first line holds the column names (default true). Without a header, give <see cref="ColumnNames"/>.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Column names for a file without a header (or to replace the header's).</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Cells read as missing (after trimming): by default empty, <c>NA</c> and <c>?</c>.</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = ["", "NA", "?"];

    /// <summary>Reads at most this many data rows (null: all).</summary>
    public int? MaxRows { get; init; }
}
