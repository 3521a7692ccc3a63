using BenchmarkDotNet.Running;

if (args is ["kernel-shap-error"])
{
    await Interp.Benchmarks.KernelShapErrorTable.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Interp.Benchmarks.FeatureAblationBenchmarks).Assembly).Run(args);
