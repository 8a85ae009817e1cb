using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Reference;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model (at the matrix's sizes) statically quantized (QDQ, uint8 activations, int8 weights per
/// channel from opset 13) at every selected opset from 10, where QuantizeLinear begins, calibrated on seeded
/// random batches: something is quantized; the result passes OnnxKit's checker; from opset 13 the weights
/// have one scale per channel; ONNX Runtime runs it with its fusions on; and the reference evaluator's outputs
/// follow ONNX Runtime's with its optimizations off (both run DequantizeLinear → float op → QuantizeLinear;
/// cosine ≥ 0.999) — for models under five million parameters at every opset, for larger ones at the oldest
/// and newest. ONNX's own checker runs on them in <see cref="OnnxCheckerTests"/>.
/// Without <c>ONNXKIT_TEST_OPSETS</c> the opsets are those where the Q/DQ forms change (10, 12 for int8
/// MaxPool, 13 for per-axis parameters, 19, 21 for 4- and 16-bit and blocked forms, and the newest), to fit CI time.
/// </summary>
public sealed class QuantizationMatrixTests(ITestOutputHelper output)
{
    /// <summary>The opset of the first QuantizeLinear/DequantizeLinear.</summary>
    public const int FirstQuantizationOpset = 10;

    /// <summary>
    /// The newest opset whose QuantizeLinear ONNX Runtime 1.32's CPU provider implements: a model at opset 28
    /// loads but has no QuantizeLinear kernel ("Could not find an implementation for QuantizeLinear(28)").
    /// </summary>
    public const int LastRunnableQuantizationOpset = 27;

    private static readonly int[] FormChanges = [10, 12, 13, 19, 21];

    public static TheoryData<string> Names => [.. ZooCases.Names];

    /// <summary>
    /// The opsets quantization is checked at: the selected ones from 10 when <c>ONNXKIT_TEST_OPSETS</c> is set; otherwise
    /// the form changes and the newest, and for models of five million parameters or more (the VGGs and ResNets at
    /// the matrix's sizes) 10, 13 and the newest.
    /// </summary>
    public static IReadOnlyList<int> Opsets(bool large)
    {
        var selected = OpsetSelection.FromEnvironment().Where(o => o is >= FirstQuantizationOpset and <= LastRunnableQuantizationOpset).ToList();
        if (Environment.GetEnvironmentVariable(OpsetSelection.Variable) is { Length: > 0 } || selected.Count == 0) return selected;
        return selected.Where(o => (large ? o is FirstQuantizationOpset or 13 : FormChanges.Contains(o)) || o == selected[^1]).ToList();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryZooModelQuantizesAtEveryOpsetWithTheOperators(string name)
    {
        var network = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
        var opsets = Opsets(large: network.ParameterCount >= 5_000_000);
        var lines = new List<string>();
        var failures = new List<string>();
        foreach (int opset in opsets)
        {
            if (ZooCases.Export(network, opset) is not { } exported) continue;
            bool withReference = network.ParameterCount < 5_000_000 || opset == opsets[0] || opset == opsets[^1];
            var problems = Check(exported, opset, withReference, out string figures);
            failures.AddRange(problems.Select(p => $"opset {opset}: {p}"));
            lines.Add($"opset {opset}: {figures}{(problems.Count == 0 ? "" : " ✗ " + string.Join("; ", problems))}");
        }
        output.WriteLine($"{name}\n  " + string.Join("\n  ", lines));
        Assert.True(failures.Count == 0, $"{name}: {string.Join(" | ", failures)}");
    }

    /// <summary>
    /// ONNX's own checker with full checks (python3-onnx 1.12, opsets up to 17) on every zoo model quantized at
    /// opsets 10, 13 (per-channel) and 17 among the selected ones; to fit CI time, models of five million parameters
    /// or more (which use the same operators) at 13 only.
    /// </summary>
    [OnnxCheckerFact]
    public void QuantizedZooModelsPassOnnxFullCheck()
    {
        var verdicts = OnnxFullChecker.Check(CheckedModels());
        output.WriteLine($"{verdicts.Count(v => v.Value is null)} of {verdicts.Count} quantized models passed onnx.checker.check_model(full_check=True)");
        var failures = verdicts.Where(v => v.Value is not null).Select(v => $"{v.Key}: {v.Value}").ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
        Assert.NotEmpty(verdicts);
    }

    private static IEnumerable<(string, byte[])> CheckedModels()
    {
        var opsets = OpsetSelection.FromEnvironment().Where(o => o is FirstQuantizationOpset or 13 or 17).ToList();
        foreach (string name in ZooCases.Names)
        {
            var network = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
            foreach (int opset in opsets.Where(o => network.ParameterCount < 5_000_000 || o == 13))
            {
                if (ZooCases.Export(network, opset) is { } exported) yield return ($"{name}@{opset}", OnnxFile.ToBytes(Quantize(exported).Model));
            }
        }
    }

    /// <summary>Quantizes <paramref name="exported"/> with seeded random calibration on ONNX Runtime.</summary>
    public static QuantizationResult Quantize(Model exported) =>
        ModelQuantizer.Quantize(exported, new QuantizeOptions { Verify = false }, new QuantizationServices
        {
            Backend = new OnnxRuntimeBackend(),
            Calibration = Batches(exported, 2, seed: 3),
            CalibrationDescription = "seeded random batches",
            CalibrationIsRandom = true,
        });

    private static List<string> Check(Model exported, int opset, bool withReference, out string figures)
    {
        var problems = new List<string>();
        QuantizationResult result;
        try
        {
            result = Quantize(exported);
        }
        catch (OnnxKitException e)
        {
            figures = "not quantized";
            return [e.Message];
        }
        var quantized = OnnxFile.Load(OnnxFile.ToBytes(result.Model));
        var report = result.Report;
        figures = $"{report.QuantizedNodes.Values.Sum()} nodes quantized ({string.Join(", ", report.QuantizedNodes.Select(kv => $"{kv.Value} {kv.Key}"))})";
        if (ModelChecker.Check(quantized) is { IsValid: false } check) problems.Add($"checker: {check.Problems.First()}");
        var weightDequantizers = quantized.Graph.Nodes.Where(n => n.OpType == "DequantizeLinear" && n.Inputs[0]!.ConstValue is { DataType: DataType.Int8 }).ToList();
        if (opset >= 13 && weightDequantizers.Count > 0 && !weightDequantizers.Any(n => n.Attributes["axis"] is not null)) problems.Add("no weights have per-channel scales");
        if (opset < 13 && weightDequantizers.Any(n => n.Attributes["axis"] is not null)) problems.Add("per-axis parameters before opset 13");

        var probe = Batches(exported, 1, seed: 11);
        try
        {
            using (var fused = OnnxSession.FromModel(quantized, new SessionSettings())) fused.Run(probe[0].Inputs);
            if (withReference)
            {
                var written = Outputs(OnnxSession.FromModel(quantized, new SessionSettings { OptimizationLevel = OptimizationLevel.None }), probe[0]);
                var reference = Outputs(new ReferenceModelBackend(quantized), probe[0]);
                double cosine = Cosine(written, reference);
                figures += $"; reference vs ONNX Runtime: cosine {cosine:0.######}";
                if (!(cosine >= 0.999)) problems.Add($"the reference evaluator's outputs differ from ONNX Runtime's: cosine {cosine}");
            }
        }
        catch (OnnxKitException e)
        {
            problems.Add($"does not run: {e.Message.Split('\n')[0]}");
        }
        return problems;
    }

    /// <summary><paramref name="count"/> batches of two seeded samples per input, uniform in [-1, 1).</summary>
    private static List<SampleBatch> Batches(Model model, int count, int seed) =>
        Enumerable.Range(0, count).Select(b => new SampleBatch(model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
            .Select((input, i) => SeededInput.Create(input.Name, input.TensorType!.Shape!.Select(d => d.Value ?? 2).ToArray(), seed * 100 + b * 10 + i))
            .ToDictionary(s => s.Name, s => (ITensor)DenseTensor.FromFloats(s.Data, s.Shape)))).ToList();

    private static float[] Outputs(IModelBackend backend, SampleBatch batch)
    {
        using (backend)
        {
            var outputs = backend.Run(batch.Inputs);
            return backend.Outputs.SelectMany(o => outputs[o.Name].ToArray<float>()).ToArray();
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        return aa == 0 && bb == 0 ? 1 : dot / Math.Sqrt(aa * bb);
    }
}
