using Interp.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
