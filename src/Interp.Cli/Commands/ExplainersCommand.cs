using System.CommandLine;
using System.Text.Json;
using Interp.Core.Plugins;
using Interp.Core.Registry;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Interp.Cli.Commands;

/// <summary><c>interp explainers list [--json]</c>: every registered explainer with alias, level, capabilities and source.</summary>
internal static class ExplainersCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the registered explainers.") { json };
        list.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            var registry = host.Services.GetRequiredService<ExplainerRegistry>();
            var report = host.Services.GetRequiredService<PluginLoadReport>();
            var rows = registry.All.OrderBy(d => d.Level).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
            if (parse.GetValue(json))
            {
                var payload = rows.Select(d => new
                {
                    name = d.Name,
                    alias = d.Alias,
                    level = d.Level.ToString().ToLowerInvariant(),
                    capabilities = d.RequiredCapabilities.Select(c => c.Name).ToArray(),
                    source = d.Source,
                    origin = d.Origin,
                    description = d.Description,
                });
                Console.Out.WriteLine(JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
                return CliApp.Success;
            }

            if (Console.IsOutputRedirected)
            {
                // Plain columns when piped: a table would wrap names at the default width.
                foreach (var d in rows)
                {
                    Console.Out.WriteLine($"{d.Name,-28} {d.Alias,-30} {d.Level.ToString().ToLowerInvariant(),-12} {string.Join(",", d.RequiredCapabilities.Select(c => c.Name)),-22} {d.Source}: {d.Origin}");
                }
            }
            else
            {
                var table = new Table().AddColumns("Name", "Alias", "Level", "Requires", "Source");
                foreach (var d in rows)
                {
                    table.AddRow(
                        Markup.Escape(d.Name),
                        Markup.Escape(d.Alias),
                        d.Level.ToString().ToLowerInvariant(),
                        Markup.Escape(string.Join(", ", d.RequiredCapabilities.Select(c => c.Name))),
                        Markup.Escape($"{d.Source}: {d.Origin}"));
                }

                AnsiConsole.Write(table);
            }

            foreach (var skipped in report.Skipped) Console.Out.WriteLine("skipped plugin: " + skipped);
            return CliApp.Success;
        }));
        return new Command("explainers", "Inspect the explainer registry.") { list };
    }
}
