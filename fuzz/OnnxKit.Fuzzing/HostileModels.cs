using Google.Protobuf;
using OnnxKit.Serialization.Proto;
using DataType = OnnxKit.Serialization.Proto.TensorProto.Types.DataType;

namespace OnnxKit.Fuzzing;

/// <summary>
/// One small model per class of hostile input that once crashed, hung or exhausted OnnxKit or ONNX Runtime
/// (issue 19), built in code as protobuf messages: the regression tests run each through every command, and
/// the fuzzer starts from them as seeds. External-data models expect a <see cref="Workspace"/> beside them.
/// </summary>
public static class HostileModels
{
    /// <summary>Every model by name.</summary>
    public static IReadOnlyDictionary<string, byte[]> All => new Dictionary<string, byte[]>
    {
        ["attention-q-num-heads-int64-min"] = AttentionWithHeads(long.MinValue),
        ["conv-group-zero"] = ConvWithGroup(0),
        ["resize-nan-scales"] = ResizeWithScales([1, 1, float.NaN, float.PositiveInfinity]),
        ["functions-exponential"] = ExponentialFunctions(40),
        ["loop-without-trip-count-constant-true"] = Loop(tripCount: null, condition: true),
        ["loop-trip-count-int64-max"] = Loop(tripCount: long.MaxValue, condition: null),
        ["loop-stacks-400-gb"] = LoopStacking(100_000, 1 << 20),
        ["initializer-dims-int64-max"] = Initializer([long.MaxValue]),
        ["input-100000x100000"] = Relu([100_000, 100_000]),
        ["duplicate-graph-outputs"] = DuplicateOutputs(),
        ["duplicate-opset-imports"] = DuplicateOpsets(),
        ["duplicate-initializer-trip-count"] = DuplicateTripCount(),
        ["min-empty-variadic-input"] = MinWithEmptyInput(),
        ["external-data-fifo"] = External([0], ("location", "pipe")),
        ["external-data-symlink-loop"] = External([4], ("location", "loop")),
        ["external-data-device"] = External([4], ("location", "zero")),
        ["external-data-folder"] = External([4], ("location", "folder")),
        ["external-data-duplicate-location"] = External([4], ("location", "data.bin"), ("location", "pipe")),
        ["external-data-bad-checksum"] = External([4], ("location", "data.bin"), ("checksum", new string('0', 40))),
        ["external-data-4-gib"] = External([1L << 30], ("location", "huge.bin")), // the test makes huge.bin, a sparse 4 GiB file
    };

    /// <summary>y = Relu(x) for a float input of the given dims: the base of several models.</summary>
    public static byte[] Relu(long[] dims)
    {
        var graph = Graph([Node("Relu", ["x"], ["y"])], [Tensor("x", DataType.Float, dims)], [Tensor("y", DataType.Float, dims)]);
        return Model(graph, 17).ToByteArray();
    }

    /// <summary>Attention (opset 23) with the given number of query heads.</summary>
    public static byte[] AttentionWithHeads(long heads)
    {
        var node = Node("Attention", ["q", "k", "v"], ["y"]);
        node.Attribute.Add(Int("q_num_heads", heads));
        node.Attribute.Add(Int("kv_num_heads", 1));
        long[] dims = [1, 4, 8];
        var graph = Graph([node], [Tensor("q", DataType.Float, dims), Tensor("k", DataType.Float, dims), Tensor("v", DataType.Float, dims)],
            [Tensor("y", DataType.Float, dims)]);
        return Model(graph, 23).ToByteArray();
    }

    /// <summary>Conv with the given group count.</summary>
    public static byte[] ConvWithGroup(long group)
    {
        var node = Node("Conv", ["x", "w"], ["y"]);
        node.Attribute.Add(Int("group", group));
        var weight = new TensorProto { Name = "w", DataType = (int)DataType.Float, Dims = { 2, 2, 1, 1 }, FloatData = { 1, 2, 3, 4 } };
        var graph = Graph([node], [Tensor("x", DataType.Float, [1, 2, 3, 3])], [Tensor("y", DataType.Float, [1, 2, 3, 3])], [weight]);
        return Model(graph, 17).ToByteArray();
    }

    /// <summary>Resize (opset 13, nearest) with the given scales as an initializer.</summary>
    public static byte[] ResizeWithScales(float[] scales)
    {
        var scaleTensor = new TensorProto { Name = "scales", DataType = (int)DataType.Float, Dims = { scales.Length }, FloatData = { scales } };
        var node = Node("Resize", ["x", "", "scales"], ["y"]);
        node.Attribute.Add(new AttributeProto { Name = "mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("nearest") });
        var graph = Graph([node], [Tensor("x", DataType.Float, [1, 1, 4, 4])], [Tensor("y", DataType.Float, null)], [scaleTensor]);
        return Model(graph, 13).ToByteArray();
    }

    /// <summary><paramref name="depth"/> model-local functions, each calling the previous one twice: 2^depth Relu nodes once inlined.</summary>
    public static byte[] ExponentialFunctions(int depth)
    {
        var model = Model(Graph([Node($"f{depth - 1}", ["x"], ["y"], "local")], [Tensor("x", DataType.Float, [1, 4])], [Tensor("y", DataType.Float, [1, 4])]), 17);
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "local", Version = 1 });
        for (int i = 0; i < depth; i++)
        {
            var function = new FunctionProto { Domain = "local", Name = $"f{i}", Input = { "x" }, Output = { "y" } };
            function.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
            function.OpsetImport.Add(new OperatorSetIdProto { Domain = "local", Version = 1 });
            if (i == 0) function.Node.Add(Node("Relu", ["x"], ["y"]));
            else
            {
                function.Node.Add(Node($"f{i - 1}", ["x"], ["a"], "local"));
                function.Node.Add(Node($"f{i - 1}", ["a"], ["y"], "local"));
            }
            model.Functions.Add(function);
        }
        return model.ToByteArray();
    }

    /// <summary>A Loop carrying one float that it increments, with an optional constant trip count and condition.</summary>
    public static byte[] Loop(long? tripCount, bool? condition)
    {
        var one = new TensorProto { Name = "one", DataType = (int)DataType.Float, Dims = { 1 }, FloatData = { 1 } };
        var body = Graph([Node("Identity", ["c"], ["c_out"]), Node("Add", ["v", "one"], ["v_out"])],
            [Tensor("i", DataType.Int64, []), Tensor("c", DataType.Bool, []), Tensor("v", DataType.Float, [1])],
            [Tensor("c_out", DataType.Bool, []), Tensor("v_out", DataType.Float, [1])], [one], "body");
        var initializers = new List<TensorProto>();
        if (tripCount is long m) initializers.Add(new TensorProto { Name = "trip", DataType = (int)DataType.Int64, Int64Data = { m } });
        if (condition is bool c) initializers.Add(new TensorProto { Name = "cond", DataType = (int)DataType.Bool, Int32Data = { c ? 1 : 0 } });
        var loop = Node("Loop", [tripCount is null ? "" : "trip", condition is null ? "" : "cond", "v0"], ["v_final"]);
        loop.Attribute.Add(new AttributeProto { Name = "body", Type = AttributeProto.Types.AttributeType.Graph, G = body });
        var graph = Graph([loop], [Tensor("v0", DataType.Float, [1])], [Tensor("v_final", DataType.Float, [1])], initializers);
        return Model(graph, 17).ToByteArray();
    }

    /// <summary>A Loop of <paramref name="tripCount"/> iterations stacking a float vector of <paramref name="elements"/> per iteration.</summary>
    public static byte[] LoopStacking(long tripCount, long elements)
    {
        var shape = new TensorProto { Name = "shape", DataType = (int)DataType.Int64, Dims = { 1 }, Int64Data = { elements } };
        var body = Graph([Node("Identity", ["c"], ["c_out"]), Node("ConstantOfShape", ["shape"], ["item"])],
            [Tensor("i", DataType.Int64, []), Tensor("c", DataType.Bool, [])],
            [Tensor("c_out", DataType.Bool, []), Tensor("item", DataType.Float, [elements])], [shape], "body");
        var loop = Node("Loop", ["trip", ""], ["stacked"]);
        loop.Attribute.Add(new AttributeProto { Name = "body", Type = AttributeProto.Types.AttributeType.Graph, G = body });
        var trip = new TensorProto { Name = "trip", DataType = (int)DataType.Int64, Int64Data = { tripCount } };
        var graph = Graph([loop], [], [Tensor("stacked", DataType.Float, [tripCount, elements])], [trip]);
        return Model(graph, 17).ToByteArray();
    }

    /// <summary>y = Identity(w) for a float initializer w of the given dims and no data.</summary>
    public static byte[] Initializer(long[] dims)
    {
        var weight = new TensorProto { Name = "w", DataType = (int)DataType.Float, Dims = { dims } };
        return Model(Graph([Node("Identity", ["w"], ["y"])], [], [Tensor("y", DataType.Float, dims)], [weight]), 17).ToByteArray();
    }

    /// <summary>Relu whose output is listed twice among the graph outputs.</summary>
    public static byte[] DuplicateOutputs()
    {
        var model = ModelProto.Parser.ParseFrom(Relu([1, 4]));
        model.Graph.Output.Add(model.Graph.Output[0].Clone());
        return model.ToByteArray();
    }

    /// <summary>
    /// A stacking Loop whose trip count initializer is listed twice, 1 and then 100,000: OnnxKit reads the first,
    /// ONNX Runtime the last, and stacking 100,000 × 4 MiB makes it abort with std::bad_alloc.
    /// </summary>
    public static byte[] DuplicateTripCount()
    {
        var model = ModelProto.Parser.ParseFrom(LoopStacking(1, 1 << 20));
        model.Graph.Initializer.Add(new TensorProto { Name = "trip", DataType = (int)DataType.Int64, Int64Data = { 100_000 } });
        return model.ToByteArray();
    }

    /// <summary>Min(x, x, "") at opset 13: ONNX's checker accepts the empty variadic input; ONNX Runtime dies of SIGSEGV on it.</summary>
    public static byte[] MinWithEmptyInput()
    {
        var graph = Graph([Node("Min", ["x", "x", ""], ["y"])], [Tensor("x", DataType.Float, [3])], [Tensor("y", DataType.Float, [3])]);
        return Model(graph, 13).ToByteArray();
    }

    /// <summary>Relu importing ai.onnx twice, as "" at 17 and "ai.onnx" at 13.</summary>
    public static byte[] DuplicateOpsets()
    {
        var model = ModelProto.Parser.ParseFrom(Relu([1, 4]));
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx", Version = 13 });
        return model.ToByteArray();
    }

    /// <summary>y = Identity(w) for an external float initializer of the given dims and external-data entries.</summary>
    public static byte[] External(long[] dims, params (string Key, string Value)[] entries)
    {
        var weight = new TensorProto { Name = "w", DataType = (int)DataType.Float, Dims = { dims }, DataLocation = TensorProto.Types.DataLocation.External };
        foreach (var (key, value) in entries) weight.ExternalData.Add(new StringStringEntryProto { Key = key, Value = value });
        return Model(Graph([Node("Identity", ["w"], ["y"])], [], [Tensor("y", DataType.Float, dims)], [weight]), 17).ToByteArray();
    }

    private static ModelProto Model(GraphProto graph, long opset) => new()
    {
        IrVersion = opset >= 23 ? 11 : 8,
        ProducerName = "onnxkit-fuzz",
        Graph = graph,
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = opset } },
    };

    private static GraphProto Graph(IEnumerable<NodeProto> nodes, IEnumerable<ValueInfoProto> inputs, IEnumerable<ValueInfoProto> outputs,
        IEnumerable<TensorProto>? initializers = null, string name = "g")
    {
        var graph = new GraphProto { Name = name };
        graph.Node.Add(nodes);
        graph.Input.Add(inputs);
        graph.Output.Add(outputs);
        if (initializers is not null) graph.Initializer.Add(initializers);
        return graph;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, string domain = "") =>
        new() { OpType = op, Domain = domain, Input = { inputs }, Output = { outputs } };

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static ValueInfoProto Tensor(string name, DataType type, long[]? dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (long d in dims) tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
