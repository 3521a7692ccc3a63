using System.Globalization;
using Interp.Core.Inputs;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Imaging;

namespace Interp.Cli.Commands;

/// <summary>
/// Where <c>interp attribute</c> takes its examples from: an inputs.json (<c>--inputs</c>) or image files
/// (<c>--image</c>, repeatable, with <c>--preprocess</c>). Exactly one of the two.
/// </summary>
internal sealed class AttributionInputs
{
    private AttributionInputs(string? inputsPath, IReadOnlyList<string> images, ImagePreprocessing? preprocessing)
    {
        InputsPath = inputsPath;
        Images = images;
        Preprocessing = preprocessing;
    }

    /// <summary>The inputs.json file, or null with images.</summary>
    public string? InputsPath { get; }

    /// <summary>The image files (full paths), one example each; empty with an inputs file.</summary>
    public IReadOnlyList<string> Images { get; }

    /// <summary>How images become the model's input; null with an inputs file.</summary>
    public ImagePreprocessing? Preprocessing { get; }

    /// <summary>Checks the combination of options (before anything is loaded).</summary>
    /// <exception cref="InterpException">A usage error (exit code 2).</exception>
    public static AttributionInputs FromOptions(FileInfo? inputs, IReadOnlyList<string>? images, string? preprocess)
    {
        images ??= [];
        var presets = string.Join(", ", ImagePresets.Names);
        if (inputs is not null && images.Count > 0)
        {
            throw Usage("--inputs and --image cannot be combined: give either an inputs.json (--inputs) or image files (--image), not both.");
        }

        if (inputs is null && images.Count == 0)
        {
            throw Usage("no examples: give --inputs <inputs.json> or --image <file> (repeatable, with --preprocess).");
        }

        if (inputs is not null)
        {
            if (preprocess is not null) throw Usage("--preprocess applies to --image; an inputs.json (--inputs) is used as it is.");
            return new AttributionInputs(inputs.FullName, [], null);
        }

        if (string.IsNullOrWhiteSpace(preprocess))
        {
            throw Usage($"--image needs --preprocess <preset|spec.json> to know the model's image size, channel order and normalization: a preset ({presets}) or a JSON spec file (see docs/images.md).");
        }

        return new AttributionInputs(null, images.Select(Path.GetFullPath).ToArray(), ImagePresets.Resolve(preprocess));
    }

    /// <summary>The request for <paramref name="model"/>: the inputs file, or the images as one batch with image labels.</summary>
    public AttributionRequest ToRequest(IPredictor model, int? target)
    {
        if (InputsPath is not null) return InputsFile.Load(InputsPath, model, target);

        var preprocessing = Preprocessing!;
        CheckModelTakesImages(model, preprocessing);
        var batch = ImageLoader.LoadBatch(Images, preprocessing);
        return new AttributionRequest
        {
            Model = model,
            Inputs = [batch],
            Targets = target is int t ? [t] : null,
            Labels = new ExplanationLabels { Image = preprocessing.ToImageInfo() },
        };
    }

    private static void CheckModelTakesImages(IPredictor model, ImagePreprocessing preprocessing)
    {
        if (model.Inputs.Count != 1)
        {
            throw Usage($"--image needs a model with one input; this one takes {model.Inputs.Count} ({string.Join(", ", model.Inputs)}). Use --inputs.");
        }

        var spec = model.Inputs[0];
        if (spec.ElementType != typeof(float))
        {
            throw Usage($"--image needs a float image input; model input {spec} is not one. Use --inputs.");
        }

        var image = preprocessing.Shape(1);
        bool fits = spec.Shape.Count == 0
            || (spec.Shape.Count == image.Length && Enumerable.Range(1, image.Length - 1).All(d => spec.Shape[d] < 0 || spec.Shape[d] == image[d]));
        if (!fits)
        {
            var want = string.Join(",", spec.ExampleShape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)));
            throw Usage(
                $"--preprocess '{preprocessing.Name}' makes images of shape {NdArray<float>.Format(image[1..])} ({preprocessing.ToImageInfo().Layout}) but model input '{spec.Name}' takes [{want}]; choose a preset ({string.Join(", ", ImagePresets.Names)}) or a spec file that matches.");
        }
    }

    private static InterpException Usage(string message) => new(message) { IsConfigurationError = true };
}
