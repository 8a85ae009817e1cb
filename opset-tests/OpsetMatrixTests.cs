using Microsoft.ML.OnnxRuntime;
using OnnxKit.Checker;
using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Serialization;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model at every selected opset: export, OnnxKit's checker finds no error, ONNX
/// Runtime loads the model and runs it on seeded random input (batch 2), and the outputs at
/// every opset agree with those at the newest selected opset (rtol 1e-4, atol 1e-5). A cell
/// that cannot work (the exporter refuses the opset) is marked in the table and fails the
/// row, as every zoo model is expected to export at every supported opset.
/// </summary>
public sealed class OpsetMatrixTests(MatrixReport report, ITestOutputHelper output) : IClassFixture<MatrixReport>
{
    public static TheoryData<string> Names => [.. ZooCases.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void ModelAgreesAcrossOpsets(string name)
    {
        var model = ModelZoo.Create(name, ZooCases.OptionsFor(name));
        var inputs = model.Inputs.Select((input, i) =>
        {
            long[] shape = [2, .. input.Shape];
            var random = new Random(1000 + i);
            var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (int k = 0; k < data.Length; k++) data[k] = (float)(random.NextDouble() * 2 - 1);
            return (Name: input.Layer.Name, Data: data, Shape: shape);
        }).ToArray();

        var cells = new Dictionary<int, string>();
        var outputs = new Dictionary<int, float[][]>();
        foreach (int opset in report.Opsets.Reverse())
        {
            try
            {
                var onnx = model.ToOnnx(new ExportOptions { Opset = opset, Seed = 7 });
                var check = ModelChecker.Check(onnx);
                if (!check.IsValid)
                {
                    cells[opset] = $"✗ checker: {check.Problems.First()}";
                    continue;
                }
                outputs[opset] = Run(onnx, inputs);
                cells[opset] = "✓";
            }
            catch (LoweringException e)
            {
                cells[opset] = $"cannot work: {e.OpType} needs opset {e.MinOpset}–{e.MaxOpset}";
            }
            catch (OnnxRuntimeException e)
            {
                cells[opset] = $"✗ ONNX Runtime: {e.Message.Split('\n')[0]}";
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
        var failures = cells.Where(c => c.Value != "✓").Select(c => $"opset {c.Key}: {c.Value}").ToArray();
        Assert.True(failures.Length == 0, $"{name}: {string.Join("; ", failures)}");
    }

    private static float[][] Run(OnnxKit.Ir.Model model, (string Name, float[] Data, long[] Shape)[] inputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(OnnxFile.ToBytes(model), options);
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Data, i.Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, model.Graph.Outputs.Select(o => o.Name).ToArray());
            return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
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
