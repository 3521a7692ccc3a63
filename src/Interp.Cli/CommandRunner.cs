using Interp.Explainers;
using Microsoft.Extensions.Options;

namespace Interp.Cli;

/// <summary>Runs a command body and turns exceptions into one clear stderr line and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (InterpException ex)
        {
            await Report(ex, verbose).ConfigureAwait(false);
            return ex.IsConfigurationError ? CliApp.UsageError : CliApp.RuntimeFailure;
        }
        catch (OptionsValidationException ex)
        {
            await Report(ex, verbose, "invalid configuration: " + string.Join("; ", ex.Failures)).ConfigureAwait(false);
            return CliApp.UsageError;
        }
        catch (OperationCanceledException ex)
        {
            await Report(ex, verbose, "cancelled.").ConfigureAwait(false);
            return CliApp.RuntimeFailure;
        }
        catch (Exception ex)
        {
            await Report(ex, verbose, $"{ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return CliApp.RuntimeFailure;
        }
    }

    private static async Task Report(Exception ex, bool verbose, string? message = null)
    {
        await Console.Error.WriteLineAsync("error: " + (message ?? ex.Message)).ConfigureAwait(false);
        if (verbose) await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
    }
}
