using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Optimizer.Tests.Conversion;

/// <summary>
/// ONNX's conformance models converted to other opsets: each conversion that succeeds must pass the checker
/// and give the case's expected outputs (ONNX's reference results) on ONNX Runtime. A refusal is counted,
/// not failed: it is the converter saying no exact equivalent exists. The default run takes a few cases per
/// adapter family and a spread of opsets; <c>ONNXKIT_CONVERT_SWEEP=full</c> takes every case to every opset
/// from 7 to 28 (benchmarks/convert-sweep.sh runs it and writes the tables).
/// </summary>
public sealed class ConformanceConversionTests(ITestOutputHelper output)
{
    private static readonly string[] DefaultCases =
    [
        "test_add_bcast", "test_softmax_axis_0", "test_softmax_default_axis", "test_logsoftmax_axis_1", "test_reshape_reordered_all_dims",
        "test_unsqueeze_axis_0", "test_squeeze", "test_reduce_mean_default_axes_keepdims_example", "test_reduce_sum_default_axes_keepdims_example",
        "test_split_equal_parts_1d_opset18", "test_split_equal_parts_1d_opset13", "test_clip_default_min", "test_slice", "test_top_k", "test_gelu_default_1",
        "test_gelu_tanh_1", "test_hardswish", "test_mish", "test_layer_normalization_2d_axis0", "test_celu", "test_batchnorm_example", "test_dropout_default",
        "test_concat_2d_axis_negative_1", "test_flatten_negative_axis1", "test_relu", "test_conv_with_strides_padding", "test_matmul_2d", "test_gemm_default_no_bias",
    ];

    private static readonly int[] DefaultOpsets = [7, 9, 11, 12, 13, 17, 18, 21, 28];

    /// <summary>rtol 1e-3 / atol 1e-7 as the conformance README gives for float32, widened for float16 and bfloat16.</summary>
    private static readonly Tolerance CaseTolerance = new(1e-3, 1e-7) { WidenForCoarseTypes = true };

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void ConvertedConformanceModelsAreValidAndGiveTheExpectedOutputs()
    {
        bool full = Environment.GetEnvironmentVariable("ONNXKIT_CONVERT_SWEEP") == "full";
        var cases = full ? SharedData.BackendModels() : DefaultCases.Select(c => Path.Combine(RepositoryPaths.Shared(SharedData.BackendNodeFolder), c, "model.onnx")).Where(File.Exists).ToList();
        int[] opsets = full ? Enumerable.Range(OpsetConverter.MinTargetOpset, OpsetConverter.MaxTargetOpset - OpsetConverter.MinTargetOpset + 1).ToArray() : DefaultOpsets;
        var sweep = ConversionSweep.Run(cases, opsets);
        output.WriteLine(sweep.Summary());
        if (Environment.GetEnvironmentVariable("ONNXKIT_CONVERT_SWEEP_CASES") is { Length: > 0 } caseList) File.WriteAllLines(caseList, sweep.RunnableCases);
        foreach (var failure in sweep.Failures.Take(60)) output.WriteLine("FAIL " + failure);
        Assert.True(sweep.Converted > (full ? 10000 : 100), $"only {sweep.Converted} conversions were checked");
        Assert.True(sweep.Failures.Count == 0, $"{sweep.Failures.Count} converted models were wrong, e.g. {string.Join(" | ", sweep.Failures.Take(5))}");
    }

    /// <summary>The outcome of converting conformance cases to a set of opsets.</summary>
    internal sealed class ConversionSweep
    {
        public int Cases { get; private set; }
        public int NotRunnable { get; private set; }
        public int Converted { get; private set; }
        public int SameOpset { get; private set; }
        public List<string> Failures { get; } = [];
        public SortedDictionary<string, int> Refusals { get; } = new(StringComparer.Ordinal);
        public List<string> RunnableCases { get; } = [];

        /// <summary>Attempts and successful conversions to opsets 7-17 (what onnx 1.12's version_converter covers), by direction.</summary>
        public Dictionary<string, (int Tried, int Converted)> UpToOpset17 { get; } = new() { ["up"] = (0, 0), ["down"] = (0, 0) };

        public static ConversionSweep Run(IReadOnlyList<string> cases, IReadOnlyList<int> opsets)
        {
            var sweep = new ConversionSweep();
            foreach (string path in cases)
            {
                string folder = Path.GetDirectoryName(path)!, name = Path.GetFileName(folder);
                var original = OnnxFile.Load(path);
                var inputs = Numerics.CaseInputs(folder, original);
                var expected = ExpectedOutputs(folder, original);
                if (inputs is null || expected is null || !RunsOnOnnxRuntime(original, inputs))
                {
                    sweep.NotRunnable++;
                    continue;
                }
                sweep.Cases++;
                sweep.RunnableCases.Add(name);
                foreach (int opset in opsets)
                {
                    if (original.OpsetVersion("") == opset) { sweep.SameOpset++; continue; }
                    sweep.Check(name, original, opset, inputs, expected);
                }
            }
            return sweep;
        }

        private void Check(string name, Model original, int opset, List<(string Name, ITensor Tensor)> inputs, IReadOnlyList<ITensor> expected)
        {
            Model converted;
            string direction = opset > original.OpsetVersion("") ? "up" : "down";
            if (opset <= 17) UpToOpset17[direction] = (UpToOpset17[direction].Tried + 1, UpToOpset17[direction].Converted);
            try
            {
                converted = OnnxFile.Load(OnnxFile.ToBytes(OpsetConverter.Convert(original, new ConvertOptions { TargetOpset = opset }).Model));
                if (opset <= 17) UpToOpset17[direction] = (UpToOpset17[direction].Tried, UpToOpset17[direction].Converted + 1);
            }
            catch (ConversionException e)
            {
                string key = $"{e.OpType}: {Generalize(e.Reason)}";
                Refusals[key] = Refusals.GetValueOrDefault(key) + 1;
                return;
            }
            catch (Exception e)
            {
                Failures.Add($"{name} → {opset}: crashed: {e.GetType().Name}: {e.Message}");
                return;
            }
            Converted++;
            if (ModelChecker.Check(converted) is { IsValid: false } report)
            {
                Failures.Add($"{name} → {opset}: invalid: {report.Problems.First(p => p.Severity == CheckSeverity.Error)}");
                return;
            }
            IReadOnlyList<ITensor> actual;
            try
            {
                actual = Numerics.Run(converted, inputs);
            }
            catch (OnnxKitException e)
            {
                Failures.Add($"{name} → {opset}: does not run: {e.Message}");
                return;
            }
            for (int k = 0; k < expected.Count; k++)
            {
                var comparison = OutputComparer.Compare(converted.Graph.Outputs[k].Name, expected[k], actual[k], CaseTolerance);
                if (!comparison.Passed) Failures.Add($"{name} → {opset}: {comparison.Problem}");
            }
        }

        public string Summary() =>
            $"{Cases} runnable cases ({NotRunnable} not runnable by ONNX Runtime or with non-tensor data), {Converted} conversions checked, "
            + $"{Refusals.Values.Sum()} refused, {Failures.Count} wrong\n"
            + string.Join("\n", UpToOpset17.Select(d => $"to opsets 7-17, {d.Key}: {d.Value.Converted} of {d.Value.Tried} converted ({100.0 * d.Value.Converted / Math.Max(1, d.Value.Tried):F1}%)"))
            + "\nrefusals by operator and reason:\n  "
            + string.Join("\n  ", Refusals.OrderByDescending(r => r.Value).Select(r => $"{r.Value,5}  {r.Key}"));

        private static string Generalize(string reason) =>
            System.Text.RegularExpressions.Regex.Replace(reason, "'[^']*'|opset \\d+", m => m.Value.StartsWith('\'') ? "'…'" : m.Value);

        private static bool RunsOnOnnxRuntime(Model model, List<(string Name, ITensor Tensor)> inputs)
        {
            try
            {
                Numerics.Run(model, inputs);
                return true;
            }
            catch (OnnxKitException)
            {
                return false;
            }
        }

        private static IReadOnlyList<ITensor>? ExpectedOutputs(string folder, Model model)
        {
            var outputs = new List<ITensor>();
            for (int k = 0; k < model.Graph.Outputs.Count; k++)
            {
                string file = Path.Combine(folder, "test_data_set_0", $"output_{k}.pb");
                if (model.Graph.Outputs[k].Type is not TensorType || !File.Exists(file)) return null;
                outputs.Add(TensorProtoFile.Read(file));
            }
            return outputs;
        }
    }
}
