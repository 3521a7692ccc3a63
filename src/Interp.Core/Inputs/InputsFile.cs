using System.Text.Json;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Core.Inputs;

/// <summary>
/// Reads an inputs file (the format of <c>shared/reference/*/inputs.json</c>): <c>inputs</c> [N][...] (or an object
/// of them keyed by model input name), optional <c>baselines</c> ([1][...], [N][...] or a number), <c>target</c>
/// (an integer or one per example), <c>feature_mask</c> and <c>grouped_mask</c> (group ids, [1][...] or [N][...]).
/// </summary>
public static class InputsFile
{
    /// <summary>Loads an inputs file into a request for <paramref name="model"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="model">The model (its input names and element types decide how values are read).</param>
    /// <param name="targetOverride">A target that replaces the file's.</param>
    /// <param name="allowNonFinite">Accept NaN/Inf.</param>
    /// <exception cref="InterpException">Missing file, invalid JSON or a field of the wrong form; the message names the field.</exception>
    public static AttributionRequest Load(string path, IPredictor model, int? targetOverride = null, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path)) throw new InterpException($"Inputs file '{path}' does not exist.");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InterpException($"Inputs file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("inputs", out var inputsElement))
            {
                throw new InterpException($"Inputs file '{path}': expected an object with an 'inputs' field.");
            }

            var inputs = ReadInputs(path, inputsElement, model);
            NdArray<float>? baselines = null;
            float baselineValue = 0;
            if (root.TryGetProperty("baselines", out var b) && b.ValueKind != JsonValueKind.Null)
            {
                if (b.ValueKind == JsonValueKind.Number) baselineValue = b.GetSingle();
                else baselines = NestedArray.ReadFloat(b, $"{path}: baselines");
            }

            IReadOnlyList<int>? targets = null;
            if (targetOverride is int t) targets = [t];
            else if (root.TryGetProperty("target", out var te) && te.ValueKind != JsonValueKind.Null)
            {
                targets = te.ValueKind switch
                {
                    JsonValueKind.Number when te.TryGetInt32(out var single) => [single],
                    JsonValueKind.Array => te.EnumerateArray().Select(x => x.TryGetInt32(out var v) ? v : throw new InterpException($"{path}: target must hold integers.")).ToArray(),
                    _ => throw new InterpException($"{path}: target must be an integer or a list of integers, got {te.ValueKind}."),
                };
            }

            return new AttributionRequest
            {
                Model = model,
                Inputs = inputs,
                Baselines = baselines,
                BaselineValue = baselineValue,
                Targets = targets,
                FeatureMask = ReadMask(root, "feature_mask", path),
                GroupedMask = ReadMask(root, "grouped_mask", path),
                AllowNonFinite = allowNonFinite,
            };
        }
    }

    private static List<INdArray> ReadInputs(string path, JsonElement element, IPredictor model)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            if (model.Inputs.Count != 1)
            {
                throw new InterpException($"{path}: inputs is a single array but the model takes {model.Inputs.Count} inputs ({string.Join(", ", model.Inputs)}); give an object keyed by input name.");
            }

            return [Read(element, model.Inputs[0], $"{path}: inputs")];
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            var result = new List<INdArray>();
            foreach (var spec in model.Inputs)
            {
                if (!element.TryGetProperty(spec.Name, out var e)) throw new InterpException($"{path}: inputs has no entry for model input '{spec.Name}'.");
                result.Add(Read(e, spec, $"{path}: inputs.{spec.Name}"));
            }

            return result;
        }

        throw new InterpException($"{path}: inputs must be an array [examples][...] or an object of them keyed by model input name.");
    }

    private static INdArray Read(JsonElement e, TensorSpec spec, string field) =>
        spec.ElementType == typeof(float) ? NestedArray.ReadFloat(e, field) : NestedArray.ReadLong(e, field);

    private static NdArray<int>? ReadMask(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var m) && m.ValueKind != JsonValueKind.Null ? NestedArray.ReadInt(m, $"{path}: {name}") : null;
}
