using System.Globalization;
using Interp.Explainers;

namespace Interp.Trees.LightGbm;

/// <summary>The <c>key=value</c> lines of one block of a LightGBM model file, with line numbers for messages.</summary>
internal sealed class LightGbmFields
{
    private readonly Dictionary<string, (string Value, int Line)> _fields = new(StringComparer.Ordinal);
    private readonly string _source;
    private readonly string _block;

    public LightGbmFields(string source, string block)
    {
        _source = source;
        _block = block;
    }

    public int Count => _fields.Count;

    public void Add(string line, int lineNumber)
    {
        int eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0) _fields[line.Trim()] = ("", lineNumber);
        else _fields[line[..eq].Trim()] = (line[(eq + 1)..].Trim(), lineNumber);
    }

    public bool Has(string key) => _fields.ContainsKey(key);

    public int LineOf(string key) => _fields.TryGetValue(key, out var f) ? f.Line : 0;

    public string Require(string key) =>
        _fields.TryGetValue(key, out var f) ? f.Value : throw new InterpException($"LightGBM model '{_source}', {_block}: the field '{key}' is missing.");

    public int Int(string key)
    {
        var text = Require(key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Error(key, $"'{LightGbmTextReader.Clip(text)}' is not an integer");
    }

    public T[] Array<T>(string key, int expected, Func<string, T> parse, T[]? fallback = null)
    {
        if (!_fields.ContainsKey(key))
        {
            return fallback ?? throw new InterpException($"LightGBM model '{_source}', {_block}: the field '{key}' is missing.");
        }

        var tokens = Require(key).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != expected) throw Error(key, $"has {tokens.Length} values, expected {expected}");
        var values = new T[expected];
        for (int i = 0; i < expected; i++)
        {
            try
            {
                values[i] = parse(tokens[i]);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw Error(key, $"value {i} '{LightGbmTextReader.Clip(tokens[i])}' is not a valid {typeof(T).Name}");
            }
        }

        return values;
    }

    public InterpException Error(string key, string what) =>
        new($"LightGBM model '{_source}' line {LineOf(key)}, {_block}: field '{key}' {what}.");
}
