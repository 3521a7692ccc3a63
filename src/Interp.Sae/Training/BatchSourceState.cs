using Interp.Sae.IO;

namespace Interp.Sae.Training;

/// <summary>A batch source's saved position: named text values and named arrays (saved into the checkpoint file).</summary>
/// <param name="Kind">The source type's name (checked on restore).</param>
/// <param name="Values">Scalars as invariant text (cursor, random state, ...).</param>
/// <param name="Arrays">Arrays (shuffle buffer contents, permutations, ...).</param>
public sealed record BatchSourceState(string Kind, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, NamedArray> Arrays);
