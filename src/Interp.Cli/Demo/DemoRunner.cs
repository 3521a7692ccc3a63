using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Interp.Cli.Demo;

/// <summary>
/// Runs the demo's parts one after another with progress shown (a Spectre.Console progress display in a terminal,
/// plain <c>[demo]</c> lines when the output is redirected), skipping a part whose data is absent and going on after a
/// part that fails; then writes the report index.
/// </summary>
internal static class DemoRunner
{
    public sealed record Outcome(string Part, string Status, TimeSpan Elapsed, string? Message);

    public static async Task<(string Index, IReadOnlyList<Outcome> Outcomes)> RunAsync(DemoContextFactory contexts, IReadOnlyList<IDemoPart> parts, bool verbose, CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var context = contexts.Create(line => Console.Out.WriteLine("[demo] " + line));
            foreach (var part in parts)
            {
                Console.Out.WriteLine($"[demo] == {part.Title} ==");
                var step = PlainSteps(part.Title);
                outcomes.Add(await RunPartAsync(context, part, step, verbose, m => Console.Out.WriteLine("[demo] " + m), ct).ConfigureAwait(false));
            }

            return (context.Report.Finish("Interp demo: four levels of explanation"), outcomes);
        }

        DemoContext? live = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = parts.Select(p => progress.AddTask(Markup.Escape(p.Title), autoStart: false, maxValue: 1)).ToList();
                live = contexts.Create(line => AnsiConsole.MarkupLine("[grey]" + Markup.Escape(line) + "[/]"));
                for (int i = 0; i < parts.Count; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    var title = parts[i].Title;
                    var step = new DemoStep((message, fraction) =>
                    {
                        task.Description = Markup.Escape($"{title}: {message}");
                        task.Value = fraction;
                    });
                    var outcome = await RunPartAsync(live, parts[i], step, verbose, m => AnsiConsole.MarkupLine(Markup.Escape(m)), ct).ConfigureAwait(false);
                    task.Description = Markup.Escape($"{title}: {outcome.Status}");
                    task.Value = 1;
                    task.StopTask();
                    outcomes.Add(outcome);
                }
            }).ConfigureAwait(false);
        return (live!.Report.Finish("Interp demo: four levels of explanation"), outcomes);
    }

    /// <summary>Progress as plain lines: a line when the step changes (its text before any ':', numbers aside), else at most one every 5 seconds.</summary>
    private static DemoStep PlainSteps(string title)
    {
        string? last = null;
        var since = Stopwatch.StartNew();
        return new DemoStep((message, fraction) =>
        {
            int colon = message.IndexOf(':', StringComparison.Ordinal);
            var shape = new string((colon < 0 ? message : message[..colon]).Where(c => !char.IsDigit(c)).ToArray());
            if (shape == last && since.Elapsed < TimeSpan.FromSeconds(5)) return;
            last = shape;
            since.Restart();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[demo] {title} {fraction,4:P0}  {message}"));
        });
    }

    private static async Task<Outcome> RunPartAsync(DemoContext context, IDemoPart part, DemoStep step, bool verbose, Action<string> say, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await part.RunAsync(context, step, ct).ConfigureAwait(false);
            return new Outcome(part.Title, "done", watch.Elapsed, null);
        }
        catch (DemoSkipException ex)
        {
            say($"skipped {part.Title}: {ex.Message}");
            return new Outcome(part.Title, "skipped", watch.Elapsed, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            say($"failed {part.Title}: {ex.GetType().Name}: {ex.Message}");
            if (verbose) say(ex.ToString());
            return new Outcome(part.Title, "failed", watch.Elapsed, ex.Message);
        }
    }
}
