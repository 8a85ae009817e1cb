using OnnxKit.Runtime.Benchmarking;

namespace OnnxKit.Cli.Demo;

/// <summary>The demo's outputs: the model variants (the exported model first), the benchmark, the page.</summary>
internal sealed record DemoResult(IReadOnlyList<string> Variants, BenchmarkReport Bench, string Page);
