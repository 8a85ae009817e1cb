using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Runtime.Tests;

public sealed class OnnxRuntimeBackendTests
{
    [Fact]
    public void Prepares_sessions_with_its_settings()
    {
        using var prepared = OnnxRuntimeBackend.AsWritten.Prepare(TestModels.Dense());

        Assert.IsType<OnnxSession>(prepared);
        Assert.Equal("x: float[N,4]", prepared.Inputs.Single().ToString());
        Assert.Equal("onnxruntime (CPUExecutionProvider, graph optimizations off)", OnnxRuntimeBackend.AsWritten.Name);
    }

    [Fact]
    public void An_operator_onnx_runtime_lacks_is_a_reason_not_a_failure()
    {
        var graph = new Graph("custom");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(2)));
        graph.Inputs.Add(x);
        var node = new Node("com.example", "Frobnicate", [x], ["y"]);
        graph.Nodes.Add(node);
        node.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(2));
        graph.Outputs.Add(node.Outputs[0]);
        var model = new Model(graph, 8, [new OpsetImport("", 13), new OpsetImport("com.example", 1)]);

        Assert.False(new OnnxRuntimeBackend().TryPrepare(model, out _, out string? reason));
        Assert.Contains("Frobnicate", reason);
    }

    [Fact]
    public void A_sequence_output_is_refused_as_unsupported()
    {
        var graph = new Graph("split");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(4)));
        graph.Inputs.Add(x);
        var node = new Node("", "SplitToSequence", [x], ["parts"], [Attribute.Int("keepdims", 1)]);
        graph.Nodes.Add(node);
        node.Outputs[0].Type = new SequenceType(new TensorType(DataType.Float));
        graph.Outputs.Add(node.Outputs[0]);
        using var prepared = new OnnxRuntimeBackend().Prepare(new Model(graph, 8, [new OpsetImport("", 13)]));

        var error = Assert.Throws<UnsupportedFeatureException>(() => prepared.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([1, 2, 3, 4], [4]) }));
        Assert.Contains("'parts'", error.Message);
    }

    [Fact]
    public void Results_do_not_depend_on_where_the_input_data_lies_in_memory()
    {
        // Row sums: ONNX Runtime's vectorized reduction adds in a different order when its input is not
        // 64-byte aligned (fed from managed memory as it lies, this gave 4 different results over 16 offsets).
        var graph = new Graph("row_sums");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(64, 257)));
        graph.Inputs.Add(x);
        var axes = graph.AddInitializer("axes", DenseTensor.FromInt64s([1], [1]));
        var node = new Node("", "ReduceSum", [x, axes], ["y"], [Attribute.Int("keepdims", 0)]);
        graph.Nodes.Add(node);
        node.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(64));
        graph.Outputs.Add(node.Outputs[0]);
        using var prepared = OnnxRuntimeBackend.AsWritten.Prepare(new Model(graph, 8, [new OpsetImport("", 13)]));
        var random = new Random(3);
        float[] values = Enumerable.Range(0, 64 * 257).Select(_ => (float)(random.NextDouble() * 2e4 - 1e4)).ToArray();
        byte[] backing = new byte[values.Length * 4 + 64];

        var results = new HashSet<string>();
        for (int offset = 0; offset < 64; offset += 4)
        {
            Buffer.BlockCopy(values, 0, backing, offset, values.Length * 4);
            var tensor = new DenseTensor(DataType.Float, [64, 257], backing.AsMemory(offset, values.Length * 4));
            results.Add(Convert.ToHexString(prepared.Run(new Dictionary<string, ITensor> { ["x"] = tensor })["y"].GetRawData().Span));
        }

        Assert.Single(results);
    }
}
