namespace Interp.Explainers.Plugins;

/// <summary>
/// Marks an assembly as an Interp plugin and points at its entry type (an <see cref="IInterpPlugin"/> with a
/// public parameterless constructor). The host reads only this attribute; it never scans every type.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class InterpPluginAttribute : Attribute
{
    /// <summary>Declares the plugin entry type.</summary>
    /// <param name="entryType">A type implementing <see cref="IInterpPlugin"/>.</param>
    public InterpPluginAttribute(Type entryType) => EntryType = entryType;

    /// <summary>The entry type.</summary>
    public Type EntryType { get; }
}
