using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Interp.Cli.Demo;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp demo [--out interp-report] [--quick] [--shared folder|none]</c>: the main job on the embedded defaults. Runs the four
/// levels with progress shown — Adult + LightGBM (TreeShap, permutation importance, a waterfall for one person),
/// SqueezeNet on an image (IntegratedGradients, LayerGradCam, Occlusion, deletion/insertion curves), MiniLM attention on
/// a sentence pair, stories260K (generation, attention, logit lens, direct logit attribution, activation patching, head
/// detectors) and an SAE trained briefly on stories260K activations with feature pages — and writes a self-contained
/// HTML report (<c>index.html</c> linking every page, chart and envelope). A part whose data is absent is skipped with a
/// message; <c>--quick</c> runs a reduced version of each part.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder of the report (index.html, pages, charts, envelopes/).", DefaultValueFactory = _ => new DirectoryInfo("interp-report") };
        var quick = new Option<bool>("--quick") { Description = "A reduced run (each part small; for tests and a first look)." };
        var shared = new Option<string?>("--shared") { Description = "The shared data folder (default: shared/data beside the repository, found by walking up); 'none': only the data shipped with the CLI." };
        var command = new Command("demo", "Run the demo on the embedded defaults: all four levels (tabular, images, MiniLM, stories260K, SAE) into an HTML report.") { output, quick, shared };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            var watch = Stopwatch.StartNew();
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            var dataRoots = new DemoData(parse.GetValue(shared));
            var outDir = parse.GetValue(output)!.FullName;
            Console.Out.WriteLine($"interp demo{(parse.GetValue(quick) ? " --quick" : string.Empty)}: device {host.Services.GetRequiredService<ComputeDevice>()}; data from {string.Join(", ", dataRoots.Roots.Where(Directory.Exists))}");
            IDemoPart[] parts = [new AdultPart(), new ImagePart(), new MiniLmPart(), new StoriesPart(), new SaePart()];
            var contexts = new DemoContextFactory(host.Services, dataRoots, outDir, parse.GetValue(quick));
            var (index, outcomes) = await DemoRunner.RunAsync(contexts, parts, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);

            Console.Out.WriteLine();
            foreach (var o in outcomes)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {o.Part,-20} {o.Status,-8} {o.Elapsed.TotalSeconds,6:F1} s{(o.Message is null ? string.Empty : "  " + o.Message)}"));
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo finished in {watch.Elapsed.TotalSeconds:F1} s"));
            Console.Out.WriteLine($"report: {index}");
            Console.Out.WriteLine($"open it in a browser (no network needed); the envelopes behind every page are in {Path.Combine(outDir, "envelopes")}");
            return outcomes.Any(o => o.Status == "failed") ? CliApp.RuntimeFailure : CliApp.Success;
        }));
        return command;
    }
}
