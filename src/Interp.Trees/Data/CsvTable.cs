using System.Text;
using Interp.Explainers;

namespace Interp.Trees.Data;

/// <summary>
/// A CSV/TSV file as named columns of text cells: quoted fields (RFC 4180), fields trimmed, blank lines skipped, missing
/// tokens (empty, <c>NA</c>, <c>?</c> by default) read as null. Convert with <see cref="TabularMatrix"/> (feature
/// arrays) or the ML.NET backend (an <c>IDataView</c>).
/// </summary>
public sealed class CsvTable
{
    private readonly string?[][] _rows;
    private readonly int[] _lines;

    private CsvTable(string source, IReadOnlyList<string> columns, string?[][] rows, int[] lines)
    {
        Source = source;
        ColumnNames = columns;
        _rows = rows;
        _lines = lines;
    }

    /// <summary>The file (or source name) it was read from.</summary>
    public string Source { get; }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The cell at <paramref name="row"/>, <paramref name="column"/>; null when missing.</summary>
    /// <param name="row">Data row index.</param>
    /// <param name="column">Column index.</param>
    public string? this[int row, int column] => _rows[row][column];

    /// <summary>The 1-based line of the file a data row came from (for messages).</summary>
    /// <param name="row">Data row index.</param>
    public int LineOf(int row) => _lines[row];

    /// <summary>The index of a column by name (ordinal, then ignoring case), or -1.</summary>
    /// <param name="name">The column name.</param>
    public int IndexOf(string name)
    {
        for (int i = 0; i < ColumnNames.Count; i++) if (ColumnNames[i] == name) return i;
        for (int i = 0; i < ColumnNames.Count; i++) if (string.Equals(ColumnNames[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Reads a file.</summary>
    /// <param name="path">The CSV/TSV file.</param>
    /// <param name="options">How to read it.</param>
    /// <exception cref="InterpException">Missing file, no columns, or a row with the wrong number of fields (the message names the line).</exception>
    public static CsvTable Read(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"Data file '{path}' does not exist.");
        return Parse(File.ReadAllText(path), path, options);
    }

    /// <summary>Parses delimited text.</summary>
    /// <param name="text">The content.</param>
    /// <param name="source">Its name, for messages.</param>
    /// <param name="options">How to read it.</param>
    /// <exception cref="InterpException">No columns, or a row with the wrong number of fields.</exception>
    public static CsvTable Parse(string text, string source, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new CsvReadOptions();
        char separator = options.Separator ?? Detect(text);
        var split = Records(text, separator).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Text.Trim().Length == 0 && !r.Fields[0].Quoted)).ToList();
        IReadOnlyList<string> columns;
        int first = 0;
        if (options.HasHeader)
        {
            if (split.Count == 0) throw new InterpException($"Data file '{source}' is empty; expected a header line with column names.");
            columns = split[0].Fields.Select(f => f.Text.Trim()).ToArray();
            first = 1;
        }
        else
        {
            columns = options.ColumnNames ?? throw new InterpException($"Data file '{source}': without a header line the column names must be given.") { IsConfigurationError = true };
        }

        if (options.HasHeader && options.ColumnNames is not null)
        {
            if (options.ColumnNames.Count != columns.Count)
            {
                throw new InterpException($"Data file '{source}' has {columns.Count} columns but {options.ColumnNames.Count} names were given.");
            }

            columns = options.ColumnNames;
        }

        var missing = new HashSet<string>(options.MissingTokens, StringComparer.Ordinal);
        int count = Math.Min(split.Count - first, options.MaxRows ?? int.MaxValue);
        var rows = new string?[count][];
        var lines = new int[count];
        for (int r = 0; r < count; r++)
        {
            var (line, fields) = split[first + r];
            if (fields.Count != columns.Count)
            {
                throw new InterpException($"Data file '{source}' line {line} has {fields.Count} fields, expected {columns.Count} ({string.Join(", ", columns.Take(8))}{(columns.Count > 8 ? ", ..." : "")}).");
            }

            rows[r] = fields.Select(f => f.Quoted ? f.Text : (missing.Contains(f.Text.Trim()) ? null : f.Text.Trim())).ToArray();
            lines[r] = line;
        }

        return new CsvTable(source, columns, rows, lines);
    }

    private static char Detect(string text)
    {
        int end = text.IndexOf('\n');
        var firstLine = end < 0 ? text : text[..end];
        if (firstLine.Contains('\t')) return '\t';
        return firstLine.Contains(';') && !firstLine.Contains(',') ? ';' : ',';
    }

    /// <summary>Records (line number, fields with whether each was quoted), split on <paramref name="separator"/>.</summary>
    private static IEnumerable<(int Line, List<(string Text, bool Quoted)> Fields)> Records(string text, char separator)
    {
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            int start = line;
            var fields = new List<(string, bool)>();
            var sb = new StringBuilder();
            bool inQuotes = false;
            bool quoted = false;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (inQuotes)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') i++;
                    else if (c == '"')
                    {
                        inQuotes = false;
                        continue;
                    }
                    else if (c == '\n') line++;
                    sb.Append(c);
                }
                else if (c == '"' && sb.ToString().Trim().Length == 0)
                {
                    inQuotes = quoted = true;
                    sb.Clear();
                }
                else if (c == separator)
                {
                    fields.Add((sb.ToString(), quoted));
                    sb.Clear();
                    quoted = false;
                }
                else if (c == '\n')
                {
                    i++;
                    line++;
                    break;
                }
                else if (c != '\r') sb.Append(c);
            }

            fields.Add((sb.ToString(), quoted));
            yield return (start, fields);
        }
    }
}
