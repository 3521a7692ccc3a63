using BenchmarkDotNet.Running;

if (args is ["kernel-shap-error"])
{
    await Interp.Benchmarks.KernelShapErrorTable.RunAsync();
    return;
}

if (args is ["transformer-cache-ratio"])
{
    Interp.Benchmarks.TransformerCacheRatio.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Interp.Benchmarks.FeatureAblationBenchmarks).Assembly).Run(args);
