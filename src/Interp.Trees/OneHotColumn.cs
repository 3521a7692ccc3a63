namespace Interp.Trees;

/// <summary>A source column one-hot encoded into consecutive slots of the feature vector.</summary>
/// <param name="Name">The source column.</param>
/// <param name="Start">Its first slot.</param>
/// <param name="Count">Its number of slots (categories).</param>
/// <param name="CodeFeature">The index of the category-code feature that stands for it after <see cref="OneHotCodeLayout.Convert"/>.</param>
public sealed record OneHotColumn(string Name, int Start, int Count, int CodeFeature);
