using OnnxKit.Runtime;
using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Reference;
using OnnxKit.Serialization;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model at every selected opset: export, OnnxKit's checker finds no error, ONNX
/// Runtime loads the model and runs it on seeded random input (batch 2), and the outputs at
/// every opset agree with those at the newest selected opset (rtol 1e-4, atol 1e-5). OnnxKit's
/// reference evaluator runs the same model and must agree with ONNX Runtime (same
/// tolerance): at every opset for models under five million parameters, and at the oldest
/// and newest selected opsets for larger ones (it is an interpreter; this keeps the matrix
/// within CI time). A model the evaluator cannot run is marked, not failed. A cell that
/// cannot work (the exporter refuses the opset) is marked in the table and fails the row, as
/// every zoo model is expected to export at every supported opset.
/// </summary>
public sealed class OpsetMatrixTests(MatrixReport report, ITestOutputHelper output) : IClassFixture<MatrixReport>
{
    public static TheoryData<string> Names => [.. ZooCases.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void ModelAgreesAcrossOpsets(string name)
    {
        var model = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
        var inputs = model.Inputs.Select((input, i) => SeededInput.Create(input.Layer.Name, [2, .. input.Shape], i)).ToArray();

        var cells = new Dictionary<int, string>();
        var outputs = new Dictionary<int, IReadOnlyList<ITensor>>();
        bool referenceEveryOpset = model.ParameterCount < 5_000_000;
        foreach (int opset in report.Opsets.Reverse())
        {
            bool withReference = referenceEveryOpset || opset == report.Opsets[0] || opset == report.Opsets[^1];
            try
            {
                var onnx = model.ToOnnx(new ExportOptions { Opset = opset, Seed = 7 });
                var check = ModelChecker.Check(onnx);
                if (!check.IsValid)
                {
                    cells[opset] = $"✗ checker: {check.Problems.First()}";
                    continue;
                }
                try
                {
                    outputs[opset] = MatrixRuns.Run(OnnxRuntime, onnx, inputs);
                }
                catch (OnnxKitException e)
                {
                    cells[opset] = $"✗ {e.Message.Split('\n')[0]}";
                    continue;
                }
                cells[opset] = withReference ? ReferenceVerdict(onnx, inputs, outputs[opset]) : "✓";
            }
            catch (LoweringException e)
            {
                cells[opset] = $"cannot work: {e.OpType} needs opset {e.MinOpset}–{e.MaxOpset}";
            }
        }
        if (outputs.Count > 0)
        {
            int newest = outputs.Keys.Max();
            foreach (var (opset, result) in outputs)
            {
                if (MatrixRuns.Disagreement(outputs[newest], result, Tolerance.Float32) is { } problem) cells[opset] = $"✗ differs from opset {newest}: {problem}";
            }
        }
        report.Record(name, cells);
        output.WriteLine($"{name}: " + string.Join(" ", cells.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}")));
        var failures = cells.Where(c => !c.Value.StartsWith('✓')).Select(c => $"opset {c.Key}: {c.Value}").ToArray();
        Assert.True(failures.Length == 0, $"{name}: {string.Join("; ", failures)}");
    }

    /// <summary>ONNX Runtime's CPU provider with its basic graph optimizations (constant folding, redundant node removal).</summary>
    private static readonly OnnxRuntimeBackend OnnxRuntime = new(new SessionSettings { OptimizationLevel = OptimizationLevel.Basic });

    /// <summary>"✓ ref" when the reference evaluator agrees with ONNX Runtime, "✓ (ref n/a: ...)" when it cannot run the model, "✗ ..." when it disagrees.</summary>
    private static string ReferenceVerdict(Model model, SeededInput[] inputs, IReadOnlyList<ITensor> ortOutputs)
    {
        if (!new ReferenceBackend().TryPrepare(model, out var prepared, out string? reason)) return $"✓ (ref n/a: {reason!.Split('.')[0]})";
        using (prepared)
        {
            var results = MatrixRuns.Run(prepared!, model, inputs);
            return MatrixRuns.Disagreement(ortOutputs, results, Tolerance.Float32) is { } problem ? $"✗ reference evaluator differs from ONNX Runtime: {problem}" : "✓ ref";
        }
    }
}
