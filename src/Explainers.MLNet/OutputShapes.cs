using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>
/// Schema shapes of appended columns. ML.NET keeps <see cref="SchemaShape.Column"/>'s constructor internal; a custom
/// mapping's public <c>GetOutputSchema</c> builds the shapes from a schema definition instead.
/// </summary>
internal static class OutputShapes
{
    public static SchemaShape Append(MLContext ml, SchemaShape input, IReadOnlyList<(string Name, bool IsVector)> columns)
    {
        if (columns.Count > 2) throw new ArgumentException("At most two appended columns.", nameof(columns));
        var definition = SchemaDefinition.Create(typeof(Shape));
        definition.Clear();
        var all = SchemaDefinition.Create(typeof(Shape));
        for (int i = 0; i < columns.Count; i++)
        {
            var member = columns[i].IsVector ? (i == 0 ? nameof(Shape.V0) : nameof(Shape.V1)) : (i == 0 ? nameof(Shape.S0) : nameof(Shape.S1));
            var column = all.First(c => c.MemberName == member);
            column.ColumnName = columns[i].Name;
            if (columns[i].IsVector)
            {
                column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
                column.AddAnnotation("SlotNames", new VBuffer<ReadOnlyMemory<char>>(1, ["slot".AsMemory()]), new VectorDataViewType(TextDataViewType.Instance, 1));
            }
            definition.Add(column);
        }

        var names = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var kept = new SchemaShape(input.Where(c => !names.Contains(c.Name)));
        return ml.Transforms.CustomMapping<Empty, Shape>((_, _) => { }, contractName: null, outputSchemaDefinition: definition).GetOutputSchema(kept);
    }

    /// <summary>No input members.</summary>
    private sealed class Empty
    {
    }

    /// <summary>Members the appended columns are shaped from.</summary>
    private sealed class Shape
    {
        public float[] V0 { get; set; } = [];

        public float S0 { get; set; }

        public float[] V1 { get; set; } = [];

        public float S1 { get; set; }
    }
}
