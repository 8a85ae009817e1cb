using OnnxKit.Ir.Building;
using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Serialization;
using static OnnxKit.Optimizer.Tests.TestSupport.QuantizationFixtures;

namespace OnnxKit.Optimizer.Tests.Quantization;

/// <summary>
/// Static QDQ quantization of a small residual CNN: where Q/DQ go (ReLUs folded, MaxPool sharing its
/// input's parameters, int32 biases with scale = input scale · weight scale, output names kept), that
/// ONNX Runtime's profile shows integer kernels only, and that ONNX Runtime and the reference evaluator
/// compute the same quantized model.
/// </summary>
public sealed class StaticQuantizationTests
{
    private static QuantizationResult Quantize(Model model, QuantizeOptions? options = null) =>
        ModelQuantizer.Quantize(model, options ?? new QuantizeOptions(), Services(Batches(model, 6)));

    [Fact]
    public void Placement_folds_relus_shares_pooling_parameters_and_keeps_output_names()
    {
        var model = ResidualCnn();
        var quantized = Quantize(model).Model;
        var graph = quantized.Graph;

        Assert.DoesNotContain(graph.Nodes, n => n.OpType == "Relu");
        Assert.Equal("logits", graph.Outputs.Single().Name);
        foreach (var node in graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm" or "Add" or "MaxPool" or "GlobalAveragePool"))
            Assert.All(node.Inputs.Take(node.OpType is "Conv" or "Gemm" ? 3 : 1), v => Assert.Equal("DequantizeLinear", v!.Producer?.OpType));
        var pool = graph.Nodes.Single(n => n.OpType == "MaxPool");
        var before = pool.Inputs[0]!.Producer!;
        var after = pool.Outputs[0].Uses.Single().Node;
        Assert.Equal("QuantizeLinear", after.OpType);
        Assert.Equal(Constant(before.Inputs[1]), Constant(after.Inputs[1]));
        Assert.Equal(before.Inputs[2]!.ConstValue!.ToInt64Array(), after.Inputs[2]!.ConstValue!.ToInt64Array());
        Assert.True(ModelChecker.Check(OnnxFile.Load(OnnxFile.ToBytes(quantized))).IsValid);
    }

    [Fact]
    public void Biases_are_int32_with_the_input_scale_times_the_weight_scale()
    {
        var quantized = Quantize(ResidualCnn()).Model;

        foreach (var node in quantized.Graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm"))
        {
            var bias = node.Inputs[2]!.Producer!;
            var input = node.Inputs[0]!.Producer!;
            var weights = node.Inputs[1]!.Producer!;
            Assert.Equal(DataType.Int32, bias.Inputs[0]!.ConstValue!.DataType);
            float inputScale = Constant(input.Inputs[1])[0];
            var expected = Constant(weights.Inputs[1]).Select(w => inputScale * w).ToArray();
            Assert.Equal(expected, Constant(bias.Inputs[1]));
            Assert.All(bias.Inputs[2]!.ConstValue!.ToInt64Array(), z => Assert.Equal(0, z));
        }
    }

    [Fact]
    public void Onnx_runtime_runs_every_quantized_node_as_an_integer_kernel()
    {
        var model = ResidualCnn();
        var quantized = Quantize(model).Model;
        string prefix = Path.Combine(Path.GetTempPath(), $"onnxkit-quant-profile-{Guid.NewGuid():N}");
        string profile;
        using (var session = OnnxSession.FromModel(quantized, new SessionSettings { ProfilePrefix = prefix }))
        {
            foreach (var batch in Batches(model, 2)) session.Run(batch.Inputs);
            profile = session.EndProfiling()!;
        }
        try
        {
            var ops = ProfileReader.TopOperators(profile, 50).Select(o => o.OpType).ToHashSet();
            Assert.Superset(new HashSet<string> { "QLinearConv", "QLinearAdd", "QGemm", "QLinearGlobalAveragePool" }, ops);
            Assert.DoesNotContain("Conv", ops);
            Assert.DoesNotContain("Gemm", ops);
            Assert.DoesNotContain("Add", ops);
            Assert.DoesNotContain("GlobalAveragePool", ops);
        }
        finally
        {
            File.Delete(profile);
        }
    }

    [Fact]
    public void Onnx_runtime_and_the_reference_evaluator_compute_the_same_quantized_model()
    {
        var model = ResidualCnn();
        var quantized = Quantize(model).Model;
        var batches = Batches(model, 3, seed: 9);

        var written = Outputs(OnnxRuntimeAsWritten, quantized, batches, "logits");
        var reference = Outputs(ReferenceEvaluator, quantized, batches, "logits");
        var fused = Outputs(OnnxRuntime, quantized, batches, "logits");
        var original = Outputs(OnnxRuntime, model, batches, "logits");

        // As written, both compute DQ → float op → Q; they may differ where a float32 and a double quotient round to different integers.
        Assert.True(Cosine(written, reference) > 0.9999, $"reference vs ONNX Runtime as written: cosine {Cosine(written, reference)}");
        // Fused integer kernels requantize in fixed point; a one-step difference in an intermediate integer is the most expected.
        Assert.True(Cosine(fused, reference) > 0.999, $"reference vs ONNX Runtime's integer kernels: cosine {Cosine(fused, reference)}");
        Assert.True(Cosine(fused, original) > 0.99, $"quantized vs float: cosine {Cosine(fused, original)}");
    }

    [Fact]
    public void The_report_records_every_quantized_tensor_with_its_range_and_sqnr()
    {
        var model = ResidualCnn();
        var result = Quantize(model, new QuantizeOptions { MeasureActivations = true });
        var report = result.Report;

        Assert.Equal(new Dictionary<string, int> { ["Add"] = 1, ["Conv"] = 2, ["Flatten"] = 1, ["Gemm"] = 1, ["GlobalAveragePool"] = 1, ["MaxPool"] = 1 }, report.QuantizedNodes);
        Assert.Equal(2, report.Folded.Count);
        Assert.Equal(3, report.Tensors.Count(t => t.Role == TensorRole.Weight));
        Assert.Equal(3, report.Tensors.Count(t => t.Role == TensorRole.Bias));
        Assert.All(report.Tensors.Where(t => t.Role == TensorRole.Weight), t => Assert.InRange(t.WeightSqnr!.Value, 30, 60));
        var activations = report.Tensors.Where(t => t.Role == TensorRole.Activation).ToList();
        Assert.All(activations, t => Assert.InRange(t.LocalSqnr!.Value, 25, 80));
        Assert.All(activations, t => Assert.True(t.ActivationSqnr <= t.LocalSqnr + 0.5, $"{t.Name}: end-to-end {t.ActivationSqnr} dB above its own {t.LocalSqnr} dB"));
        Assert.Contains(activations, t => t.Name == "image" && t.Min >= 0 && t.Max <= 1);
        Assert.NotNull(report.Verification);
        Assert.True(report.Verification!.Outputs.Single().Cosine > 0.99);
    }

    [Fact]
    public void Before_opset_13_weights_have_one_scale_and_before_12_max_pool_stays_float()
    {
        var result = Quantize(ResidualCnn(opset: 11));

        Assert.All(result.Report.Tensors.Where(t => t.Role == TensorRole.Weight), t => Assert.Equal("per tensor", t.Granularity));
        Assert.Contains(result.Report.Kept, k => k.OpType == "MaxPool" && k.Reason.Contains("opset 12", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Model.Graph.Nodes, n => n.OpType is "QuantizeLinear" or "DequantizeLinear" && n.Attributes["axis"] is not null);
    }

    [Fact]
    public void Excluded_nodes_and_types_stay_float()
    {
        var model = ResidualCnn();
        string gemmName = model.Graph.Nodes.Single(n => n.OpType == "Gemm").Name!;
        var result = Quantize(model, new QuantizeOptions { ExcludeOpTypes = new HashSet<string> { "Add" }, NodesToExclude = new HashSet<string> { gemmName } });

        Assert.Contains(result.Report.Kept, k => k.OpType == "Add" && k.Reason == "its operator type is excluded");
        Assert.Contains(result.Report.Kept, k => k.Node == gemmName && k.Reason == "excluded by name");
        var gemm = result.Model.Graph.Nodes.Single(n => n.OpType == "Gemm");
        Assert.NotEqual("DequantizeLinear", gemm.Inputs[1]!.Producer?.OpType);
    }

    [Fact]
    public void Weights_shared_by_two_convolutions_are_stored_once_and_an_unfolded_batch_norm_is_reported()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", DataType.Float, Dim.Named("batch"), Dim.Of(4), Dim.Of(6), Dim.Of(6));
        var w = g.Random("shared", [4, 4, 1, 1]);
        var first = g.Op("Conv", [x, w]);
        var second = g.Op("Conv", [g.Op("Relu", [first]), w]);
        var normalized = g.Op("BatchNormalization", [second, g.Random("s", [4], 0.5, 1.5), g.Random("b", [4]), g.Random("m", [4]), g.Random("v", [4], 0.5, 1.5)]);
        var model = g.Output(normalized, new TensorType(DataType.Float, null)).ToModel();

        var result = Quantize(model);

        Assert.Single(result.Model.Graph.Initializers, i => i.ConstValue is { DataType: DataType.Int8, ElementCount: 16 });
        Assert.DoesNotContain(result.Model.Graph.Initializers, i => i.Name == "shared");
        Assert.Equal(2, result.Report.QuantizedNodes["Conv"]);
        Assert.Contains(result.Report.Warnings, w => w.Contains("BatchNormalization", StringComparison.Ordinal));
    }

    private static float[] Constant(Value? value) => value!.ConstValue!.ToArray<float>();
}
