namespace Interp.Explainers.Models;

/// <summary>A named model input or output.</summary>
/// <param name="Name">The name in the model graph.</param>
/// <param name="ElementType">Element type as seen by the caller (float16 inputs are presented as float).</param>
/// <param name="Shape">The shape; -1 marks a dynamic dimension. The first dimension is the batch. Empty: the model does not declare its shape (TorchScript).</param>
public sealed record TensorSpec(string Name, Type ElementType, IReadOnlyList<int> Shape)
{
    /// <summary>The per-example shape (without the batch dimension).</summary>
    public IReadOnlyList<int> ExampleShape => Shape.Count == 0 ? [] : Shape.Skip(1).ToArray();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} {ElementType.Name}[{string.Join(",", Shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
