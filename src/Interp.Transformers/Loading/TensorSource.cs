using Interp.Explainers;
using static TorchSharp.torch;

namespace Interp.Transformers.Loading;

/// <summary>The tensors of a checkpoint by name, tracking which were used so leftovers can be reported.</summary>
internal sealed class TensorSource
{
    private readonly SafetensorsFile _file;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public TensorSource(SafetensorsFile file, string prefix)
    {
        _file = file;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public bool Has(string name) => _file.Entries.ContainsKey(Prefix + name) || _file.Entries.ContainsKey(name);

    /// <summary>Reads <paramref name="name"/> (with the prefix when stored with it).</summary>
    public Tensor Read(string name)
    {
        var full = _file.Entries.ContainsKey(Prefix + name) ? Prefix + name : name;
        if (!_file.Entries.ContainsKey(full)) throw new InterpException($"'{_file.Path}' has no tensor '{Prefix + name}'.");
        _used.Add(full);
        return _file.Read(full);
    }

    /// <summary>Throws when tensors other than <paramref name="ignorable"/> ones were never read.</summary>
    public void CheckAllUsed(Func<string, bool> ignorable)
    {
        var left = _file.Entries.Keys.Where(k => !_used.Contains(k) && !ignorable(k)).Order(StringComparer.Ordinal).ToList();
        if (left.Count > 0)
        {
            throw new InterpException($"'{_file.Path}' has {left.Count} tensor(s) this architecture does not use: {string.Join(", ", left.Take(5))}{(left.Count > 5 ? ", ..." : "")}.");
        }
    }
}
