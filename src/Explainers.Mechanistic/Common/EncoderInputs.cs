using Interp.Explainers.Models;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>
/// The inputs of a BERT-style encoder for one token sequence, by input name: <c>*mask*</c> all ones, <c>*type*</c>
/// zeros, anything else the token ids; each [1, pos] of the input's integer type.
/// </summary>
internal static class EncoderInputs
{
    public static IReadOnlyList<INdArray> FromTokens(IPredictor model, IReadOnlyList<int> tokens)
    {
        int n = tokens.Count;
        return model.Inputs.Select(spec =>
        {
            var name = spec.Name.ToLowerInvariant();
            long[] values = name.Contains("mask", StringComparison.Ordinal) ? Enumerable.Repeat(1L, n).ToArray()
                : name.Contains("type", StringComparison.Ordinal) ? new long[n]
                : tokens.Select(t => (long)t).ToArray();
            return spec.ElementType == typeof(int)
                ? (INdArray)new NdArray<int>(values.Select(v => (int)v).ToArray(), 1, n)
                : new NdArray<long>(values, 1, n);
        }).ToList();
    }
}
