using System.CommandLine;
using Interp.Explainers;
using Interp.Imaging;
using Interp.Reports;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp report &lt;explanation.json&gt;... [--out file.html|folder] [--png] [--svg] [--image file]... [--preprocess preset]</c>:
/// renders saved envelopes as self-contained HTML pages (no network), with PNG/SVG charts on request. Everything is
/// rendered in memory first and written atomically, so a bad input leaves no partial page.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("explanation") { Description = "Explanation envelopes (interp.explanation/1) to render.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "An .html file (one envelope) or a folder (pages + index.html). Default: beside the envelope; interp-report/ for several." };
        var png = new Option<bool>("--png") { Description = "Also write each page's static charts as PNG." };
        var svg = new Option<bool>("--svg") { Description = "Also write each page's static charts as SVG." };
        var images = new Option<string[]>("--image") { Description = "Input image per example of an image attribution, to blend the heatmaps over (repeatable).", AllowMultipleArgumentsPerToken = false };
        var preprocess = new Option<string?>("--preprocess") { Description = "How the images were fed to the model (preset or spec file); default: stretched to the envelope's image size." };
        var budget = new Option<double>("--budget-mb") { Description = "Budget of the data embedded in one page, in MiB (larger data is compressed or subsampled, and the page says so).", DefaultValueFactory = _ => 8 };
        var command = new Command("report", "Render explanation envelopes as self-contained HTML reports (and PNG/SVG charts).") { files, output, png, svg, images, preprocess, budget };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), () =>
        {
            var envelopes = parse.GetValue(files)!.Select(f => ReportEnvelope.Load(f.FullName)).ToList();
            if (parse.GetValue(budget) is not (> 0 and < 4096)) throw new InterpException("--budget-mb must be between 0 and 4096.") { IsConfigurationError = true };
            var options = new ReportOptions
            {
                DataBudgetBytes = (long)(parse.GetValue(budget) * 1024 * 1024),
                Images = LoadImages(parse.GetValue(images), parse.GetValue(preprocess), envelopes),
            };
            var written = ReportSet.Render(envelopes, parse.GetValue(output), parse.GetValue(png), parse.GetValue(svg), options);
            ReportSet.Write(written);
            foreach (var f in written) Console.Out.WriteLine("wrote " + f.Path);
            return Task.FromResult(CliApp.Success);
        }));
        return command;
    }

    private static List<ReportImage>? LoadImages(string[]? paths, string? preprocess, IReadOnlyList<ReportEnvelope> envelopes)
    {
        if (paths is null || paths.Length == 0)
        {
            if (preprocess is not null) throw new InterpException("--preprocess applies to --image.") { IsConfigurationError = true };
            return null;
        }

        ImagePreprocessing spec;
        if (preprocess is not null)
        {
            spec = ImagePresets.Resolve(preprocess);
        }
        else
        {
            var size = envelopes.Select(e => e.Root.TryGetProperty("labels", out var l) && l.TryGetProperty("image", out var i) ? (H: i.GetProperty("height").GetInt32(), W: i.GetProperty("width").GetInt32()) : default)
                .FirstOrDefault(s => s.H > 0);
            if (size.H == 0) throw new InterpException("--image: no envelope has image labels (labels.image) to size the images by.") { IsConfigurationError = true };
            spec = new ImagePreprocessing { Width = size.W, Height = size.H };
        }

        var display = spec with { ChannelOrder = ImageChannelOrder.Rgb, Layout = ImageLayout.Nchw, Scale = 1, Mean = null, Std = null, Grayscale = false };
        return paths.Select(p =>
        {
            var rgb = ImageLoader.Load(Path.GetFullPath(p), display);
            return ReportImage.FromPlanar(rgb.Data, 3, rgb.Shape[2], rgb.Shape[3], 255);
        }).ToList();
    }
}
