using OnnxKit.Ir.Building;
using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Serialization;
using static OnnxKit.Optimizer.Tests.TestSupport.QuantizationFixtures;

namespace OnnxKit.Optimizer.Tests.Quantization;

/// <summary>
/// Dynamic, weight-only and QOperator quantization: the operators each emits, the sizes, and the outputs
/// of ONNX Runtime and the reference evaluator against each other and against the float model.
/// </summary>
public sealed class OtherModesTests
{
    [Fact]
    public void Dynamic_quantization_uses_integer_products_that_both_backends_compute_alike()
    {
        var model = Mlp();
        var result = ModelQuantizer.Quantize(model, new QuantizeOptions { Mode = QuantizationMode.Dynamic }, Services(Batches(model, 2)));
        var ops = result.Model.Graph.Nodes.Select(n => n.OpType).ToList();
        var batches = Batches(model, 3, seed: 4);

        Assert.Equal(2, ops.Count(o => o == "MatMulInteger"));
        Assert.Equal(2, ops.Count(o => o == "DynamicQuantizeLinear"));   // one for the input, one for the ReLU's output
        Assert.True(ModelChecker.Check(OnnxFile.Load(OnnxFile.ToBytes(result.Model))).IsValid);
        var ort = Outputs(OnnxRuntime, result.Model, batches, "scores");
        var reference = Outputs(ReferenceEvaluator, result.Model, batches, "scores");
        var original = Outputs(OnnxRuntime, model, batches, "scores");
        Assert.True(Cosine(ort, reference) > 0.99999, $"ONNX Runtime vs reference: cosine {Cosine(ort, reference)}");
        Assert.True(Cosine(ort, original) > 0.999, $"dynamic vs float: cosine {Cosine(ort, original)}");
    }

    [Fact]
    public void Dynamic_convolutions_become_conv_integer_with_uint8_weights()
    {
        var model = ResidualCnn();
        var result = ModelQuantizer.Quantize(model, new QuantizeOptions { Mode = QuantizationMode.Dynamic }, Services(Batches(model, 2)));
        var batches = Batches(model, 2, seed: 4);

        Assert.Equal(2, result.Model.Graph.Nodes.Count(n => n.OpType == "ConvInteger"));
        Assert.All(result.Model.Graph.Nodes.Where(n => n.OpType == "ConvInteger"), n => Assert.Equal(DataType.UInt8, n.Inputs[1]!.ConstValue!.DataType));
        Assert.True(Cosine(Outputs(OnnxRuntime, result.Model, batches, "logits"), Outputs(ReferenceEvaluator, result.Model, batches, "logits")) > 0.99999);
        Assert.True(Cosine(Outputs(OnnxRuntime, result.Model, batches, "logits"), Outputs(OnnxRuntime, model, batches, "logits")) > 0.99);
    }

    [Theory]
    [InlineData(DataType.Int8, 17, 0, 0.27)]
    [InlineData(DataType.Int4, 21, 0, 0.15)]   // the default blocks of 128
    public void Weight_only_quantization_shrinks_the_weights_and_dequantizes_them_at_run_time(DataType type, int opset, int blockSize, double maxRatio)
    {
        var model = Mlp(opset);
        var result = ModelQuantizer.Quantize(model, new QuantizeOptions { Mode = QuantizationMode.WeightOnly, WeightType = type, BlockSize = blockSize }, Services(Batches(model, 2)));
        var batches = Batches(model, 2, seed: 4);
        long floatWeights = 4L * (128 * 64 + 10 * 64), quantizedWeights = result.Model.Graph.Initializers
            .Where(i => i.Name.StartsWith('w')).Sum(i => i.ConstValue!.ByteCount);   // integers, scales and zero points

        Assert.Equal(2, result.Model.Graph.Nodes.Count(n => n.OpType == "DequantizeLinear"));
        Assert.All(result.Report.Tensors, t => Assert.Equal(TensorRole.Weight, t.Role));
        Assert.True(quantizedWeights <= maxRatio * floatWeights, $"{quantizedWeights} bytes of weights for {floatWeights} float ones");
        if (type == DataType.Int4) Assert.All(result.Model.Graph.Nodes.Where(n => n.OpType == "DequantizeLinear"), n => Assert.Equal(128, n.Attributes.GetInt("block_size", 0)));
        var ort = Outputs(OnnxRuntime, result.Model, batches, "scores");
        Assert.True(Cosine(ort, Outputs(ReferenceEvaluator, result.Model, batches, "scores")) > 0.99999);
        Assert.True(Cosine(ort, Outputs(OnnxRuntime, model, batches, "scores")) > (type == DataType.Int4 ? 0.99 : 0.9995));
    }

    [Fact]
    public void Qoperator_format_uses_integer_operators_and_computes_what_the_qdq_form_computes()
    {
        var model = ResidualCnn();
        var batches = Batches(model, 6);
        var qdq = ModelQuantizer.Quantize(model, new QuantizeOptions(), Services(batches)).Model;
        var qoperator = ModelQuantizer.Quantize(model, new QuantizeOptions { Format = QuantizationFormat.QOperator }, Services(batches)).Model;
        var ops = qoperator.Graph.Nodes.Select(n => n.OpType).ToList();
        var probe = Batches(model, 2, seed: 12);

        Assert.Equal(2, ops.Count(o => o == "QLinearConv"));
        Assert.Contains("MatMulInteger", ops);   // the Gemm, whose output stays float
        Assert.DoesNotContain("Conv", ops);
        Assert.DoesNotContain("Gemm", ops);
        Assert.True(ModelChecker.Check(OnnxFile.Load(OnnxFile.ToBytes(qoperator))).IsValid);
        var fromQdq = Outputs(OnnxRuntime, qdq, probe, "logits");
        Assert.True(Cosine(fromQdq, Outputs(OnnxRuntime, qoperator, probe, "logits")) > 0.9999);
        Assert.True(Cosine(fromQdq, Outputs(ReferenceEvaluator, qoperator, probe, "logits")) > 0.999);
    }

    [Fact]
    public void A_quantized_model_is_refused_unless_requantize_turns_it_back_into_float()
    {
        var model = ResidualCnn();
        var once = ModelQuantizer.Quantize(model, new QuantizeOptions(), Services(Batches(model, 4))).Model;

        var refused = Assert.Throws<OnnxKitException>(() => ModelQuantizer.Quantize(once, new QuantizeOptions(), Services(Batches(model, 4))));
        Assert.Contains("already quantized", refused.Message);
        Assert.Contains("--requantize", refused.Message);

        var floatAgain = QuantizedModels.ToFloat(once);
        Assert.Null(QuantizedModels.FindQuantizedNode(floatAgain));
        var twice = ModelQuantizer.Quantize(once, new QuantizeOptions { Requantize = true }, Services(Batches(model, 4)));
        Assert.Contains(twice.Report.Notes, n => n.StartsWith("Requantized", StringComparison.Ordinal));
        var probe = Batches(model, 2, seed: 3);
        Assert.True(Cosine(Outputs(OnnxRuntime, twice.Model, probe, "logits"), Outputs(OnnxRuntime, model, probe, "logits")) > 0.99);
    }

    [Fact]
    public void A_model_with_nothing_to_quantize_is_an_error_naming_what_was_looked_for()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 4);
        var model = g.Output(g.Op("Softmax", [g.Op("Relu", [x])]), new TensorType(DataType.Float, null)).ToModel();

        var error = Assert.Throws<OnnxKitException>(() => ModelQuantizer.Quantize(model, new QuantizeOptions(), Services(Batches(model, 1))));

        Assert.Contains("Nothing to quantize", error.Message);
        Assert.Contains("Conv", error.Message);
        Assert.Contains("produces a model output", error.Message);
    }

    [Fact]
    public void An_accuracy_budget_puts_the_worst_layers_back_to_float_until_it_holds()
    {
        var model = ResidualCnn();
        var batches = Batches(model, 6);
        var plain = ModelQuantizer.Quantize(model, new QuantizeOptions(), Services(batches)).Report.Verification!;
        double target = 1 - (1 - plain.Outputs[0].Cosine) / 4;

        var result = ModelQuantizer.Quantize(model, new QuantizeOptions { Budget = new QuantizationBudget(MinCosine: target) }, Services(batches));

        Assert.True(result.Succeeded);
        Assert.NotEmpty(result.Report.Budget);
        Assert.True(result.Report.Budget[^1].Met);
        Assert.All(result.Report.Budget.SkipLast(1), s => Assert.False(s.Met));
        Assert.True(result.Report.Verification!.Outputs[0].Cosine >= target);
        Assert.All(result.Report.Budget, s => Assert.Contains(result.Report.Kept, k => k.Node == s.Node && k.Reason == "excluded by name"));
        var scores = result.Report.Budget.Select(s => s.Sqnr).ToList();
        Assert.Equal(scores.Order(), scores);   // worst first
    }
}
