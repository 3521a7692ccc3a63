using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Interp.Benchmarks.FeatureAblationBenchmarks).Assembly).Run(args);
