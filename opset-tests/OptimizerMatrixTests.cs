using OnnxKit.Runtime;
using OnnxKit.Checker;
using OnnxKit.Exporter;
using OnnxKit.Execution;
using OnnxKit.Exporter.Export;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Serialization;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model at every selected opset (at the matrix's sizes), optimized with every pass:
/// the result passes OnnxKit's checker; ONNX Runtime (its own optimizations off) gives the same
/// outputs for it as for the exported model on seeded random input (batch 2, rtol 1e-4, atol 1e-5);
/// optimizing it again changes no byte (idempotent) and optimizing the export twice gives the same
/// bytes (deterministic); no BatchNormalization is left. Converted to float16, its float32 weight
/// bytes at least halve (a Mul by a scale that rounds to 1 in float16 goes away with its constant)
/// and, at the newest selected opset, computed in float16 by the reference evaluator, it stays within
/// rtol 1e-2 / atol 1e-3 of the float32 export's outputs. The declarative rewrite rules alone give each
/// export the graph recorded in <c>rewrite-digests.txt</c> (see <see cref="RewriteDigests"/> for how that
/// file was made and how to regenerate it).
/// </summary>
public sealed class OptimizerMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => [.. ZooCases.Names];

    private static readonly RewriteDigests Digests = new(Path.Combine(RepositoryPaths.Root, "opset-tests", "rewrite-digests.txt"));

    [Theory]
    [MemberData(nameof(Names))]
    public void OptimizedModelsAreValidEquivalentStableAndFloat16Halves(string name)
    {
        var network = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
        var failures = new List<string>();
        var lines = new List<string>();
        var opsets = OpsetSelection.FromEnvironment();
        foreach (int opset in opsets)
        {
            if (ZooCases.Export(network, opset) is not { } exported) continue;
            var problems = Check(exported, checkFloat16Numerics: opset == opsets[^1], out string figures);
            if (Digests.Check($"{name}@{opset}", exported) is { } changedGraph) problems.Add(changedGraph);
            failures.AddRange(problems.Select(p => $"opset {opset}: {p}"));
            lines.Add($"opset {opset}: {figures}{(problems.Count == 0 ? "" : " ✗ " + string.Join("; ", problems))}");
        }
        Digests.SaveIfWriting();
        output.WriteLine($"{name}\n  " + string.Join("\n  ", lines));
        Assert.True(failures.Count == 0, $"{name}: {string.Join(" | ", failures)}");
    }

    private static List<string> Check(Model exported, bool checkFloat16Numerics, out string figures)
    {
        var problems = new List<string>();
        var result = ModelOptimizer.Optimize(exported, new OptimizeOptions());
        byte[] bytes = OnnxFile.ToBytes(result.Model);
        var optimized = OnnxFile.Load(bytes);
        var (before, after) = (result.Report.Before, result.Report.After);
        figures = $"{before.Nodes} → {after.Nodes} nodes";

        if (ModelChecker.Check(optimized) is { IsValid: false } check) problems.Add($"checker: {check.Problems.First()}");
        if (!bytes.AsSpan().SequenceEqual(OnnxFile.ToBytes(ModelOptimizer.Optimize(optimized, new OptimizeOptions()).Model))) problems.Add("not idempotent");
        if (!bytes.AsSpan().SequenceEqual(OnnxFile.ToBytes(ModelOptimizer.Optimize(exported, new OptimizeOptions()).Model))) problems.Add("not deterministic");
        if (after.Ops.GetValueOrDefault("BatchNormalization") > 0) problems.Add($"{after.Ops["BatchNormalization"]} BatchNormalization left");

        var inputs = Inputs(exported);
        var expected = MatrixRuns.Run(OnnxRuntimeBackend.AsWritten, exported, inputs);
        var same = MatrixRuns.Disagreement(expected, MatrixRuns.Run(OnnxRuntimeBackend.AsWritten, optimized, inputs), Tolerance.Float32);
        if (same is not null) problems.Add($"optimized outputs differ: {same}");

        var half = ModelOptimizer.Optimize(optimized, new OptimizeOptions { Passes = [], Float16 = new Float16Options() }).Model;
        long floatBefore = after.ParameterBytesByType.GetValueOrDefault("float");
        var halfStats = ModelStats.Of(half);
        long halfBytes = halfStats.ParameterBytesByType.GetValueOrDefault("float16"), floatLeft = halfStats.ParameterBytesByType.GetValueOrDefault("float");
        if (floatBefore > 0 && (2 * halfBytes + floatLeft > floatBefore || floatLeft > floatBefore / 100 || halfBytes == 0))
            problems.Add($"float16 weights: {floatBefore} float32 bytes became {halfBytes} float16 + {floatLeft} float32 bytes");
        if (checkFloat16Numerics)
        {
            var drift = MatrixRuns.Disagreement(expected, MatrixRuns.Run(new OnnxKit.Reference.ReferenceBackend(), half, inputs), Tolerance.Float16);
            if (drift is not null) problems.Add($"float16 outputs drift: {drift}");
        }
        figures += $", weights {floatBefore} → {halfBytes + floatLeft} bytes with float16";
        return problems;
    }

    private static SeededInput[] Inputs(Model model) =>
        model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
            .Select((input, i) => SeededInput.Create(input.Name, input.TensorType!.Shape!.Select(d => d.Value ?? 2).ToArray(), i)).ToArray();
}
