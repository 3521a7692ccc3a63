using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>Slot-name annotations for appended vector columns.</summary>
internal static class SlotNames
{
    public static DataViewSchema.Annotations Annotations(IReadOnlyList<string> names)
    {
        var memory = names.Select(n => n.AsMemory()).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, memory.Length), (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var editor = VBufferEditor.Create(ref value, memory.Length);
            memory.CopyTo(editor.Values);
            value = editor.Commit();
        });
        return builder.ToAnnotations();
    }
}
