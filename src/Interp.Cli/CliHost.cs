using Interp.Core.Registry;
using Interp.Explainers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Interp.Cli;

/// <summary>
/// Builds the Generic Host for one command: appsettings.json from the install folder (so the CLI works from any
/// working directory), environment variables, then the command's own overrides (<c>--set</c>); loads packs and
/// plugins; validates all configuration at start.
/// </summary>
internal static class CliHost
{
    public static async Task<IHost> StartAsync(Func<ExplainerRegistry, IDictionary<string, string?>>? overrides, bool verbose, CancellationToken cancellationToken, string? configFile = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "interp",
        });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (configFile is not null) AddUserConfiguration(builder.Configuration, configFile);
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);

        // Start-up failures are reported once, as one line, by the command runner; the host's own error log would
        // repeat them with a stack trace.
        if (!verbose) builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

        builder.Services.AddExplainers(builder.Configuration, AppContext.BaseDirectory)
            .AddOnnxRuntime()
            .AddOnnxImporter()
            .AddMLNet()
            .AddTorchSharp()
            .AddTransformers();

        var host = builder.Build();
        try
        {
            // The configuration is live: overrides that depend on the registry (e.g. --set on a plugin's options)
            // are added now, before start-up validation sees the final configuration.
            if (overrides is not null)
            {
                builder.Configuration.AddInMemoryCollection(overrides(host.Services.GetRequiredService<ExplainerRegistry>()));
            }

            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            host.Dispose();
            throw new InterpException("Invalid configuration: " + string.Join("; ", ex.Failures)) { IsConfigurationError = true };
        }
        catch
        {
            host.Dispose();
            throw;
        }

        // Resolve the device once, now, so it is logged at start.
        _ = host.Services.GetRequiredService<Explainers.Hosting.ComputeDevice>();
        return host;
    }

    /// <summary>Adds a user's appsettings file (<c>--config</c>) over the installed one; a missing or malformed file is a usage error.</summary>
    private static void AddUserConfiguration(IConfigurationBuilder configuration, string configFile)
    {
        var full = Path.GetFullPath(configFile);
        if (!File.Exists(full)) throw new InterpException($"--config: file '{full}' does not exist.") { IsConfigurationError = true };
        try
        {
            using var probe = File.OpenRead(full);
            using var _ = System.Text.Json.JsonDocument.Parse(probe, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InterpException($"--config: '{full}' is not valid JSON: {ex.Message}") { IsConfigurationError = true };
        }

        configuration.AddJsonFile(full, optional: false, reloadOnChange: false);
    }
}
