using OnnxKit.Evaluation.Results;
using OnnxKit.Runtime.Benchmarking;

namespace OnnxKit.Cli.Demo;

/// <summary>The demo's outputs: the model variants (the exported model first), the benchmark, the page, and the evaluation on Fashion-MNIST (null where the data set is absent).</summary>
internal sealed record DemoResult(IReadOnlyList<string> Variants, BenchmarkReport Bench, string Page, EvaluationReport? Evaluation);
