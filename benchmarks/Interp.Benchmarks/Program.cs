using BenchmarkDotNet.Running;

if (args is ["kernel-shap-error"])
{
    await Interp.Benchmarks.KernelShapErrorTable.RunAsync();
    return;
}

if (args is ["mlnet-stream", ..])
{
    Interp.Benchmarks.MLNetStreamingRun.Run(
        args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4096);
    return;
}

if (args is ["transformer-cache-ratio"])
{
    Interp.Benchmarks.TransformerCacheRatio.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Interp.Benchmarks.FeatureAblationBenchmarks).Assembly).Run(args);
