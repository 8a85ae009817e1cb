using OnnxKit.Runtime;
using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
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
        var outputs = new Dictionary<int, float[][]>();
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
                outputs[opset] = OrtRunner.Run(onnx, inputs, OptimizationLevel.Basic);
                cells[opset] = withReference ? ReferenceVerdict(onnx, inputs, outputs[opset]) : "✓";
            }
            catch (LoweringException e)
            {
                cells[opset] = $"cannot work: {e.OpType} needs opset {e.MinOpset}–{e.MaxOpset}";
            }
            catch (OnnxKitException e) when (e.InnerException is Microsoft.ML.OnnxRuntime.OnnxRuntimeException ort)
            {
                cells[opset] = $"✗ ONNX Runtime: {ort.Message.Split('\n')[0]}";
            }
        }
        if (outputs.Count > 0)
        {
            int newest = outputs.Keys.Max();
            foreach (var (opset, result) in outputs)
            {
                if (Disagreement(outputs[newest], result) is { } problem) cells[opset] = $"✗ differs from opset {newest}: {problem}";
            }
        }
        report.Record(name, cells);
        output.WriteLine($"{name}: " + string.Join(" ", cells.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}")));
        var failures = cells.Where(c => !c.Value.StartsWith('✓')).Select(c => $"opset {c.Key}: {c.Value}").ToArray();
        Assert.True(failures.Length == 0, $"{name}: {string.Join("; ", failures)}");
    }

    /// <summary>"✓ ref" when the reference evaluator agrees with ONNX Runtime, "✓ (ref n/a: ...)" when it cannot run the model, "✗ ..." when it disagrees.</summary>
    private static string ReferenceVerdict(OnnxKit.Ir.Model model, SeededInput[] inputs, float[][] ortOutputs)
    {
        ReferenceSession session;
        try
        {
            session = new ReferenceSession(model);
        }
        catch (UnsupportedFeatureException e)
        {
            return $"✓ (ref n/a: {e.Message.Split('.')[0]})";
        }
        var values = inputs.Select(i => (RuntimeValue)TensorValue.FromFloats(i.Data, i.Shape.Select(d => (int)d).ToArray())).ToArray();
        var results = session.Run(values).Select(r => ((TensorValue)r).AsSpan<float>().ToArray()).ToArray();
        return Disagreement(ortOutputs, results) is { } problem ? $"✗ reference evaluator differs from ONNX Runtime: {problem}" : "✓ ref";
    }

    private static string? Disagreement(float[][] expected, float[][] actual)
    {
        for (int o = 0; o < expected.Length; o++)
        {
            if (expected[o].Length != actual[o].Length) return $"output {o} has {actual[o].Length} values, expected {expected[o].Length}";
            for (int i = 0; i < expected[o].Length; i++)
            {
                double diff = Math.Abs(expected[o][i] - (double)actual[o][i]);
                if (!(diff <= 1e-5 + 1e-4 * Math.Abs(expected[o][i]))) return $"output {o}[{i}] {actual[o][i]} vs {expected[o][i]}";
            }
        }
        return null;
    }
}
