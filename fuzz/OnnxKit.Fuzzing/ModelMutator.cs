using Google.Protobuf;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Fuzzing;

/// <summary>
/// Structure-aware mutations of an ONNX model as a protobuf message: attribute values and types, tensor and
/// value dims, element types, node wiring, duplicated outputs and opset imports, external-data entries
/// (pointing at the FIFO, device, symlink loop and data file the harness lays beside each mutant),
/// model-local functions (recursive, exponential), Loop trip counts and conditions, scalar constants (NaN,
/// infinite and extreme values) and IR/opset versions. A mutant fails to parse only when a byte-level
/// mutation is chosen, so most mutants reach the checker, the optimizer and the runtimes.
/// </summary>
internal static class ModelMutator
{
    /// <summary>Names of files the harness creates beside a mutant, for external data to point at.</summary>
    public static readonly string[] DataFiles = ["data.bin", "pipe", "loop", "zero", "folder", "missing.bin", "../escape.bin", "/etc/passwd", ""];

    private static readonly string[] AttributeNames =
    [
        "axis", "group", "kernel_shape", "strides", "pads", "dilations", "q_num_heads", "kv_num_heads", "num_heads", "blocksize",
        "hidden_size", "num_outputs", "size", "to", "perm", "axes", "keepdims", "k", "p", "num_scan_inputs", "block_size", "split",
    ];

    public static byte[] Mutate(byte[] seed, Random random)
    {
        if (random.Next(10) == 0) return ByteMutator.Mutate(seed, random);
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(seed); }
        catch (InvalidProtocolBufferException) { return ByteMutator.Mutate(seed, random); }
        int rounds = 1 + random.Next(3);
        for (int i = 0; i < rounds; i++) MutateOnce(model, random);
        return model.ToByteArray();
    }

    private static void MutateOnce(ModelProto model, Random random)
    {
        model.Graph ??= new GraphProto { Name = "g" };
        var graphs = Graphs(model).ToList();
        var graph = graphs[random.Next(graphs.Count)];
        switch (random.Next(14))
        {
            case 0: MutateAttribute(graph, random); break;
            case 1: MutateDims(graph, random); break;
            case 2: MutateElementType(graph, random); break;
            case 3: Rewire(graph, random); break;
            case 4: Duplicate(model, graph, random); break;
            case 5: MakeExternal(graph, random); break;
            case 6: AddFunctions(model, random); break;
            case 7: AddLoop(model.Graph, random); break;
            case 8: MutateScalar(graph, random); break;
            case 9: MutateVersions(model, random); break;
            case 10 when graph.Node.Count > 0: graph.Node.RemoveAt(random.Next(graph.Node.Count)); break;
            case 11 when graph.Node.Count > 1:
                int a = random.Next(graph.Node.Count), b = random.Next(graph.Node.Count);
                (graph.Node[a], graph.Node[b]) = (graph.Node[b], graph.Node[a]);
                break;
            case 12: AddAttribute(graph, random); break;
            default: MutateAttribute(graph, random); break;
        }
    }

    /// <summary>The main graph, function bodies (as graphs of their nodes) and every subgraph.</summary>
    private static IEnumerable<GraphProto> Graphs(ModelProto model)
    {
        foreach (var g in Walk(model.Graph)) yield return g;
        foreach (var function in model.Functions)
        {
            var body = new GraphProto();
            body.Node.Add(function.Node); // shares the node messages, so mutating them mutates the function
            foreach (var g in Walk(body)) yield return g;
        }
    }

    private static IEnumerable<GraphProto> Walk(GraphProto graph)
    {
        yield return graph;
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } g) foreach (var inner in Walk(g)) yield return inner;
                foreach (var gs in attribute.Graphs) foreach (var inner in Walk(gs)) yield return inner;
            }
        }
    }

    private static NodeProto? AnyNode(GraphProto graph, Random random) => graph.Node.Count == 0 ? null : graph.Node[random.Next(graph.Node.Count)];

    private static void MutateAttribute(GraphProto graph, Random random)
    {
        if (AnyNode(graph, random) is not { } node) return;
        if (node.Attribute.Count == 0)
        {
            AddAttribute(graph, random);
            return;
        }
        var attribute = node.Attribute[random.Next(node.Attribute.Count)];
        switch (random.Next(6))
        {
            case 0: attribute.Type = (AttributeProto.Types.AttributeType)random.Next(15); break;
            case 1: node.Attribute.Remove(attribute); break;
            default:
                if (attribute.Ints.Count > 0) attribute.Ints[random.Next(attribute.Ints.Count)] = Interesting.Integer(random);
                else if (attribute.Floats.Count > 0) attribute.Floats[random.Next(attribute.Floats.Count)] = Interesting.Float(random);
                else if (attribute.HasF) attribute.F = Interesting.Float(random);
                else if (attribute.HasS) attribute.S = ByteString.CopyFromUtf8(new[] { "", "nearest", "linear", "cubic", "\0", "NOTSET", "x" }[random.Next(7)]);
                else if (attribute.T is { } t) MutateTensor(t, random);
                else attribute.I = Interesting.Integer(random);
                break;
        }
    }

    private static void AddAttribute(GraphProto graph, Random random)
    {
        if (AnyNode(graph, random) is not { } node) return;
        string name = AttributeNames[random.Next(AttributeNames.Length)];
        var attribute = new AttributeProto { Name = name };
        if (random.Next(2) == 0)
        {
            attribute.Type = AttributeProto.Types.AttributeType.Int;
            attribute.I = Interesting.Integer(random);
        }
        else
        {
            attribute.Type = AttributeProto.Types.AttributeType.Ints;
            for (int i = 0; i < 1 + random.Next(4); i++) attribute.Ints.Add(Interesting.Integer(random));
        }
        node.Attribute.Add(attribute);
    }

    private static void MutateDims(GraphProto graph, Random random)
    {
        var infos = graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).Where(v => v.Type?.TensorType?.Shape is not null).ToList();
        if (graph.Initializer.Count > 0 && (infos.Count == 0 || random.Next(2) == 0))
        {
            var tensor = graph.Initializer[random.Next(graph.Initializer.Count)];
            if (tensor.Dims.Count > 0 && random.Next(3) > 0) tensor.Dims[random.Next(tensor.Dims.Count)] = Interesting.Integer(random);
            else tensor.Dims.Add(Interesting.Integer(random));
            return;
        }
        if (infos.Count == 0) return;
        var shape = infos[random.Next(infos.Count)].Type.TensorType.Shape;
        var dim = new TensorShapeProto.Types.Dimension();
        if (random.Next(4) == 0) dim.DimParam = random.Next(2) == 0 ? "N" : "";
        else dim.DimValue = Interesting.Integer(random);
        if (shape.Dim.Count > 0 && random.Next(3) > 0) shape.Dim[random.Next(shape.Dim.Count)] = dim;
        else shape.Dim.Add(dim);
    }

    private static void MutateElementType(GraphProto graph, Random random)
    {
        int type = random.Next(4) == 0 ? (int)Interesting.Integer(random) : random.Next(0, 27);
        if (graph.Initializer.Count > 0 && random.Next(2) == 0) graph.Initializer[random.Next(graph.Initializer.Count)].DataType = type;
        var infos = graph.Input.Concat(graph.Output).Where(v => v.Type?.TensorType is not null).ToList();
        if (infos.Count > 0) infos[random.Next(infos.Count)].Type.TensorType.ElemType = type;
    }

    private static void Rewire(GraphProto graph, Random random)
    {
        if (AnyNode(graph, random) is not { } node) return;
        var names = graph.Node.SelectMany(n => n.Output).Concat(graph.Input.Select(i => i.Name)).Concat(graph.Initializer.Select(i => i.Name)).ToList();
        names.Add("");
        names.Add("undefined_value");
        if (node.Input.Count > 0 && random.Next(3) > 0) node.Input[random.Next(node.Input.Count)] = names[random.Next(names.Count)];
        else if (node.Output.Count > 0 && random.Next(2) == 0) node.Output[random.Next(node.Output.Count)] = names[random.Next(names.Count)];
        else node.Input.Add(names[random.Next(names.Count)]);
    }

    private static void Duplicate(ModelProto model, GraphProto graph, Random random)
    {
        switch (random.Next(4))
        {
            case 0 when graph.Output.Count > 0: graph.Output.Add(graph.Output[random.Next(graph.Output.Count)].Clone()); break;
            case 1 when model.OpsetImport.Count > 0:
                var import = model.OpsetImport[random.Next(model.OpsetImport.Count)].Clone();
                if (random.Next(2) == 0) import.Domain = import.Domain == "" ? "ai.onnx" : "";
                model.OpsetImport.Add(import);
                break;
            case 2 when graph.Node.Count > 0: graph.Node.Add(graph.Node[random.Next(graph.Node.Count)].Clone()); break;
            default:
                if (graph.Initializer.Count > 0) graph.Initializer.Add(graph.Initializer[random.Next(graph.Initializer.Count)].Clone());
                break;
        }
    }

    private static void MakeExternal(GraphProto graph, Random random)
    {
        if (graph.Initializer.Count == 0) return;
        var tensor = graph.Initializer[random.Next(graph.Initializer.Count)];
        tensor.ClearRawData();
        tensor.FloatData.Clear();
        tensor.Int64Data.Clear();
        tensor.Int32Data.Clear();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Clear();
        void Entry(string key, string value) => tensor.ExternalData.Add(new StringStringEntryProto { Key = key, Value = value });
        Entry("location", DataFiles[random.Next(DataFiles.Length)]);
        if (random.Next(3) == 0) Entry("location", DataFiles[random.Next(DataFiles.Length)]);
        if (random.Next(2) == 0) Entry("offset", random.Next(4) == 0 ? "-1" : Interesting.Integer(random).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (random.Next(2) == 0) Entry("length", random.Next(4) == 0 ? "x" : Interesting.Integer(random).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (random.Next(4) == 0) Entry("checksum", random.Next(2) == 0 ? new string('0', 40) : "zz");
    }

    private static void AddFunctions(ModelProto model, Random random)
    {
        const string domain = "fuzz.local";
        int depth = 1 + random.Next(48);
        model.Functions.Clear();
        for (int i = 0; i < depth; i++)
        {
            var function = new FunctionProto { Domain = domain, Name = $"f{i}" };
            function.Input.Add("x");
            function.Output.Add("y");
            function.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
            function.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = 1 });
            string callee = i == 0 ? (random.Next(5) == 0 ? "f0" : "") : $"f{i - 1}";
            if (callee == "") function.Node.Add(new NodeProto { OpType = "Relu", Input = { "x" }, Output = { "y" } });
            else
            {
                function.Node.Add(new NodeProto { OpType = callee, Domain = domain, Input = { "x" }, Output = { "a" } });
                function.Node.Add(new NodeProto { OpType = callee, Domain = domain, Input = { "a" }, Output = { "y" } });
            }
            model.Functions.Add(function);
        }
        if (!model.OpsetImport.Any(o => o.Domain == domain)) model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = 1 });
        var graph = model.Graph;
        string input = graph.Input.Count > 0 ? graph.Input[0].Name : graph.Initializer.Count > 0 ? graph.Initializer[0].Name : "x";
        graph.Node.Add(new NodeProto { OpType = $"f{depth - 1}", Domain = domain, Input = { input }, Output = { "fuzz_fn_out" } });
        graph.Output.Add(new ValueInfoProto { Name = "fuzz_fn_out" });
    }

    private static void AddLoop(GraphProto graph, Random random)
    {
        var body = new GraphProto { Name = "body" };
        body.Input.Add(Scalar("i", TensorProto.Types.DataType.Int64));
        body.Input.Add(Scalar("c", TensorProto.Types.DataType.Bool));
        body.Node.Add(new NodeProto { OpType = "Identity", Input = { "c" }, Output = { "c_out" } });
        body.Output.Add(Scalar("c_out", TensorProto.Types.DataType.Bool));
        if (random.Next(2) == 0)
        {
            var shape = new TensorProto { Name = "shape_k", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { Interesting.Integer(random) & ((1 << 22) - 1) } };
            body.Initializer.Add(shape);
            body.Node.Add(new NodeProto { OpType = "ConstantOfShape", Input = { "shape_k" }, Output = { "scan_k" } });
            body.Output.Add(new ValueInfoProto { Name = "scan_k", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        }
        string trip = random.Next(3) == 0 ? "" : "trip_k";
        if (trip != "") graph.Initializer.Add(new TensorProto { Name = trip, DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { Interesting.Integer(random) } });
        string cond = random.Next(3) == 0 ? "" : "cond_k";
        if (cond != "") graph.Initializer.Add(new TensorProto { Name = cond, DataType = (int)TensorProto.Types.DataType.Bool, Int32Data = { random.Next(4) == 0 ? 0 : 1 } });
        var loop = new NodeProto { OpType = "Loop", Input = { trip, cond }, Output = { body.Output.Count > 1 ? "loop_scan" : "loop_unused" } };
        if (body.Output.Count == 1) loop.Output.Clear();
        loop.Attribute.Add(new AttributeProto { Name = "body", Type = AttributeProto.Types.AttributeType.Graph, G = body });
        if (loop.Output.Count == 0)
        {
            // a Loop needs an output; carry a value through
            body.Input.Add(Scalar("v", TensorProto.Types.DataType.Int64));
            body.Node.Add(new NodeProto { OpType = "Identity", Input = { "v" }, Output = { "v_out" } });
            body.Output.Add(Scalar("v_out", TensorProto.Types.DataType.Int64));
            graph.Initializer.Add(new TensorProto { Name = "v0_k", DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { 0 } });
            loop.Input.Add("v0_k");
            loop.Output.Add("loop_v");
        }
        graph.Node.Add(loop);
        graph.Output.Add(new ValueInfoProto { Name = loop.Output[^1], Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = loop.Output[^1] == "loop_v" ? 7 : 1 } } });
    }

    private static ValueInfoProto Scalar(string name, TensorProto.Types.DataType type) =>
        new() { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = new TensorShapeProto() } } };

    private static void MutateScalar(GraphProto graph, Random random)
    {
        var tensors = graph.Initializer.ToList();
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute) if (attribute.T is { } t) tensors.Add(t);
        }
        if (tensors.Count == 0) return;
        MutateTensor(tensors[random.Next(tensors.Count)], random);
    }

    private static void MutateTensor(TensorProto tensor, Random random)
    {
        if (tensor.FloatData.Count > 0) tensor.FloatData[random.Next(tensor.FloatData.Count)] = Interesting.Float(random);
        else if (tensor.Int64Data.Count > 0) tensor.Int64Data[random.Next(tensor.Int64Data.Count)] = Interesting.Integer(random);
        else if (tensor.Int32Data.Count > 0) tensor.Int32Data[random.Next(tensor.Int32Data.Count)] = (int)Interesting.Integer(random);
        else if (tensor.HasRawData && tensor.RawData.Length > 0)
        {
            var raw = tensor.RawData.ToByteArray();
            int width = tensor.DataType is 1 or 6 ? 4 : tensor.DataType is 7 or 11 ? 8 : 1;
            int at = random.Next(Math.Max(1, raw.Length / width)) * width;
            byte[] value = width == 4 && tensor.DataType == 1 ? BitConverter.GetBytes(Interesting.Float(random)) : BitConverter.GetBytes(Interesting.Integer(random));
            for (int i = 0; i < width && at + i < raw.Length; i++) raw[at + i] = value[i];
            tensor.RawData = ByteString.CopyFrom(raw);
        }
        else tensor.Dims.Add(Interesting.Integer(random));
    }

    private static void MutateVersions(ModelProto model, Random random)
    {
        switch (random.Next(3))
        {
            case 0: model.IrVersion = new long[] { 0, -1, 1, 3, 7, 10, 11, 12, 99, long.MaxValue }[random.Next(10)]; break;
            case 1 when model.OpsetImport.Count > 0:
                model.OpsetImport[random.Next(model.OpsetImport.Count)].Version = new long[] { 0, -1, 1, 7, 13, 17, 21, 23, 28, 29, 1000, long.MaxValue }[random.Next(12)];
                break;
            default: model.OpsetImport.Clear(); break;
        }
    }
}
