using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Reference.Tests.Legacy;

/// <summary>
/// Every operator version of opsets 1–6 that differs from its successor, against an independent result: the
/// old form runs on the reference evaluator; the same computation written by hand from the spec's
/// definition in opset-13 operators (an explicit Reshape for the old broadcast-with-axis, the batch
/// statistics spelled out for BatchNormalization's training mode, the renamed attributes and inputs)
/// runs on ONNX Runtime, which does not load most of these old versions itself. Each old model is also
/// valid for OnnxKit's checker (IR version 3, as the exporters of the time wrote).
/// </summary>
/// <remarks>Tolerance: |reference − ONNX Runtime| ≤ 1e-5 + 1e-4·|ONNX Runtime| (float32 kernels against double ones).</remarks>
public sealed class LegacyOperatorTests
{
    private const int ModernOpset = 13;

    /// <summary>One case: the old model's opset, both graphs (built over the same inputs), and the inputs.</summary>
    private sealed record LegacyCase(string Name, int OldOpset, Action<OneOpGraph> Old, Action<OneOpGraph> Modern, InputSpec[] Inputs);

    private static readonly long[] A4 = [2, 3, 4, 5];

    private static InputSpec F(string name, params long[] dims) => new(name, DataType.Float, dims);

    private static InputSpec Pos(string name, params long[] dims) => new(name, DataType.Float, dims, Positive: true);

    private static IrAttribute I(string name, long value) => IrAttribute.Int(name, value);

    private static IrAttribute Fl(string name, float value) => IrAttribute.Float(name, value);

    private static IrAttribute Is(string name, params long[] values) => IrAttribute.Ints(name, values);

    private static IrAttribute S(string name, string value) => IrAttribute.String(name, value);

    private static IEnumerable<LegacyCase> Cases()
    {
        // Add/Sub/Mul/Div 1 and 6, Pow 1: B lined up with A at axis (or A's end), then repeated.
        (string Variant, long[] A, long[] B, IrAttribute[] Attributes, long[] Reshaped)[] placements =
        [
            ("axis1", A4, [3, 4], [I("broadcast", 1), I("axis", 1)], [1, 3, 4, 1]),
            ("suffix", A4, [4, 5], [I("broadcast", 1)], [1, 1, 4, 5]),
            ("one-element", A4, [1, 1], [I("broadcast", 1)], [1, 1, 1, 1]),
            ("axis0-size1", [2, 3], [2, 1], [I("broadcast", 1), I("axis", 0)], [2, 1]),
            ("same-shape", A4, A4, [], A4),
        ];
        foreach (var (op, versions) in new[] { ("Add", new[] { 1, 6 }), ("Sub", [1, 6]), ("Mul", [1, 6]), ("Div", [1, 6]), ("Pow", [1]) })
        {
            foreach (int version in versions)
            {
                foreach (var p in placements)
                {
                    InputSpec[] inputs = op == "Pow" ? [Pos("a", p.A), F("b", p.B)] : [F("a", p.A), F("b", p.B)];
                    yield return new($"{op}-{version} {p.Variant}", version,
                        g => g.Output(g.Op(op, [g["a"], g["b"]], p.Attributes)),
                        g => g.Output(g.Op(op, [g["a"], g.Op("Reshape", [g["b"], g.Ints(p.Reshaped)])])), inputs);
                }
            }
        }

        // And/Or/Xor, Equal, Greater, Less at opset 1: the same rule, bool results.
        foreach (var (op, type) in new[] { ("And", DataType.Bool), ("Or", DataType.Bool), ("Xor", DataType.Bool), ("Equal", DataType.Int32), ("Greater", DataType.Float), ("Less", DataType.Float) })
        {
            InputSpec[] inputs = [new("a", type, [2, 3, 4]), new("b", type, [3])];
            yield return new($"{op}-1 axis1", 1,
                g => g.Output(g.Op(op, [g["a"], g["b"]], I("broadcast", 1), I("axis", 1)), DataType.Bool),
                g => g.Output(g.Op(op, [g["a"], g.Op("Reshape", [g["b"], g.Ints(1, 3, 1)])]), DataType.Bool), inputs);
        }

        // Max/Min/Sum/Mean 1 and 6: inputs of one shape, no broadcasting.
        foreach (string op in new[] { "Max", "Min", "Sum", "Mean" })
        {
            foreach (int version in new[] { 1, 6 })
            {
                yield return new($"{op}-{version}", version,
                    g => g.Output(g.Op(op, [g["a"], g["b"], g["c"]])),
                    g => g.Output(g.Op(op, [g["a"], g["b"], g["c"]])), [F("a", 2, 3, 4), F("b", 2, 3, 4), F("c", 2, 3, 4)]);
            }
        }

        // Opset-1 unary versions: the legacy consumed_inputs attribute (ignored), otherwise opset 6's semantics.
        (string Op, IrAttribute[] Attributes, bool Positive)[] unary =
        [
            ("Abs", [], false), ("Neg", [], false), ("Exp", [], false), ("Log", [], true), ("Sqrt", [], true),
            ("Reciprocal", [], true), ("Ceil", [], false), ("Floor", [], false), ("Relu", [], false),
            ("Sigmoid", [], false), ("Tanh", [], false), ("Elu", [Fl("alpha", 0.7f)], false),
            ("LeakyRelu", [Fl("alpha", 0.2f)], false), ("HardSigmoid", [Fl("alpha", 0.3f), Fl("beta", 0.4f)], false),
        ];
        foreach (var (op, attributes, positive) in unary)
        {
            yield return new($"{op}-1", 1,
                g => g.Output(g.Op(op, g["x"], [.. attributes, Is("consumed_inputs", 0)])),
                g => g.Output(g.Op(op, g["x"], attributes)), [new("x", DataType.Float, [2, 3, 4], Positive: positive)]);
        }
        yield return new("Selu-1 defaults", 1, g => g.Output(g.Op("Selu", g["x"])),
            g => g.Output(g.Op("Selu", g["x"], Fl("alpha", 1.6732f), Fl("gamma", 1.0507f))), [F("x", 2, 3, 4)]);
        yield return new("Clip-1", 1, g => g.Output(g.Op("Clip", g["x"], Fl("min", -0.7f), Fl("max", 1.1f), Is("consumed_inputs", 0))),
            g => g.Output(g.Op("Clip", [g["x"], g.Floats([], -0.7f), g.Floats([], 1.1f)])), [F("x", 2, 3, 4)]);
        yield return new("InstanceNormalization-1", 1,
            g => g.Output(g.Op("InstanceNormalization", [g["x"], g["scale"], g["bias"]], Fl("epsilon", 1e-3f), Is("consumed_inputs", 0))),
            g => g.Output(g.Op("InstanceNormalization", [g["x"], g["scale"], g["bias"]], Fl("epsilon", 1e-3f))), [F("x", A4), F("scale", 3), F("bias", 3)]);

        // BatchNormalization 1 and 6 in test mode; spatial=0 and training mode written out by hand.
        InputSpec[] bn = [F("x", A4), F("scale", 3), F("bias", 3), F("mean", 3), Pos("var", 3)];
        yield return new("BatchNormalization-1 is_test", 1,
            g => g.Output(g.Op("BatchNormalization", [g["x"], g["scale"], g["bias"], g["mean"], g["var"]], I("is_test", 1), Fl("epsilon", 1e-3f), Is("consumed_inputs", 0, 0, 0, 1, 1))),
            g => g.Output(g.Op("BatchNormalization", [g["x"], g["scale"], g["bias"], g["mean"], g["var"]], Fl("epsilon", 1e-3f))), bn);
        yield return new("BatchNormalization-6 is_test", 6,
            g => g.Output(g.Op("BatchNormalization", [g["x"], g["scale"], g["bias"], g["mean"], g["var"]], I("is_test", 1))),
            g => g.Output(g.Op("BatchNormalization", [g["x"], g["scale"], g["bias"], g["mean"], g["var"]])), bn);
        yield return new("BatchNormalization-6 spatial=0", 6,
            g => g.Output(g.Op("BatchNormalization", [g["x"], g["scale"], g["bias"], g["mean"], g["var"]], I("is_test", 1), I("spatial", 0))),
            g =>
            {
                // y = (x − mean) / √(var + ε) · scale + B, statistics per element of a sample ([3,4,5] against [2,3,4,5]).
                var normalized = g.Op("Div", [g.Op("Sub", [g["x"], g["mean"]]), g.Op("Sqrt", g.Op("Add", [g["var"], g.Floats([], 1e-5f)]))]);
                g.Output(g.Op("Add", [g.Op("Mul", [normalized, g["scale"]]), g["bias"]]));
            },
            [F("x", A4), F("scale", 3, 4, 5), F("bias", 3, 4, 5), F("mean", 3, 4, 5), Pos("var", 3, 4, 5)]);
        yield return new("BatchNormalization-6 training", 6,
            g =>
            {
                var outputs = g.Node("BatchNormalization", [g["x"], g["scale"], g["bias"], g["mean"], g["var"]], 5, Fl("momentum", 0.8f));
                foreach (var output in outputs) g.Output(output);
            },
            g =>
            {
                // Batch statistics over N, H, W; Y normalized with them; running = running·m + batch·(1 − m).
                var axes = Is("axes", 0, 2, 3);
                var batchMean = g.Op("ReduceMean", g["x"], axes);
                var centered = g.Op("Sub", [g["x"], batchMean]);
                var batchVariance = g.Op("ReduceMean", g.Op("Mul", [centered, centered]), axes);
                var perChannel = g.Ints(1, 3, 1, 1);
                var y = g.Op("Add", [g.Op("Mul", [g.Op("Div", [centered, g.Op("Sqrt", g.Op("Add", [batchVariance, g.Floats([], 1e-5f)]))]), g.Op("Reshape", [g["scale"], perChannel])]), g.Op("Reshape", [g["bias"], perChannel])]);
                var flat = g.Ints(3);
                var savedMean = g.Op("Reshape", [batchMean, flat]);
                var savedVariance = g.Op("Reshape", [batchVariance, flat]);
                Value Running(Value running, Value batch) =>
                    g.Op("Add", [g.Op("Mul", [running, g.Floats([], 0.8f)]), g.Op("Mul", [batch, g.Floats([], 0.2f)])]);
                g.Output(y);
                g.Output(Running(g["mean"], savedMean));
                g.Output(Running(g["var"], savedVariance));
                g.Output(savedMean);
                g.Output(savedVariance);
            }, bn);

        // Gemm 1 and 6: C required; (M, N) unless broadcast=1.
        foreach (int version in new[] { 1, 6 })
        {
            yield return new($"Gemm-{version} broadcast", version,
                g => g.Output(g.Op("Gemm", [g["a"], g["b"], g["c"]], I("broadcast", 1), I("transB", 1), Fl("alpha", 0.5f), Fl("beta", 2f))),
                g => g.Output(g.Op("Gemm", [g["a"], g["b"], g["c"]], I("transB", 1), Fl("alpha", 0.5f), Fl("beta", 2f))), [F("a", 3, 4), F("b", 5, 4), F("c", 5)]);
            yield return new($"Gemm-{version} full C", version,
                g => g.Output(g.Op("Gemm", [g["a"], g["b"], g["c"]], I("transA", 1))),
                g => g.Output(g.Op("Gemm", [g["a"], g["b"], g["c"]], I("transA", 1))), [F("a", 4, 3), F("b", 4, 5), F("c", 3, 5)]);
        }

        // PRelu 1 and 6: a slope per channel (dim 1), or one shared.
        foreach (int version in new[] { 1, 6 })
        {
            yield return new($"PRelu-{version} per channel", version, g => g.Output(g.Op("PRelu", [g["x"], g["slope"]])),
                g => g.Output(g.Op("PRelu", [g["x"], g.Op("Reshape", [g["slope"], g.Ints(3, 1, 1)])])), [F("x", A4), F("slope", 3)]);
            yield return new($"PRelu-{version} shared", version, g => g.Output(g.Op("PRelu", [g["x"], g["slope"]])),
                g => g.Output(g.Op("PRelu", [g["x"], g["slope"]])), [F("x", 2, 3, 4), F("slope", 1)]);
            yield return new($"Dropout-{version} is_test", version, g => g.Output(g.Op("Dropout", g["x"], I("is_test", 1), Fl("ratio", 0.3f))),
                g => g.Output(g.Op("Identity", g["x"])), [F("x", 2, 3)]);
        }

        // Attributes and inputs that were renamed or moved later.
        yield return new("Cast-1 to INT32", 1, g => g.Output(g.Op("Cast", g["x"], S("to", "INT32")), DataType.Int32),
            g => g.Output(g.Op("Cast", g["x"], I("to", (long)DataType.Int32)), DataType.Int32), [F("x", 2, 3)]);
        yield return new("Cast-1 to DOUBLE", 1, g => g.Output(g.Op("Cast", g["x"], S("to", "DOUBLE")), DataType.Double),
            g => g.Output(g.Op("Cast", g["x"], I("to", (long)DataType.Double)), DataType.Double), [F("x", 2, 3)]);
        yield return new("Concat-1 default axis", 1, g => g.Output(g.Op("Concat", [g["a"], g["b"]])),
            g => g.Output(g.Op("Concat", [g["a"], g["b"]], I("axis", 1))), [F("a", 2, 3), F("b", 2, 4)]);
        yield return new("Split-1 sizes attribute", 1,
            g => { foreach (var v in g.Node("Split", [g["x"]], 2, I("axis", 1), Is("split", 1, 2))) g.Output(v); },
            g => { foreach (var v in g.Node("Split", [g["x"], g.Ints(1, 2)], 2, I("axis", 1))) g.Output(v); }, [F("x", 2, 3)]);
        yield return new("Split-1 sizes input", 1,
            g => { foreach (var v in g.Node("Split", [g["x"], g["split"]], 2, I("axis", 0))) g.Output(v); },
            g => { foreach (var v in g.Node("Split", [g["x"], g.Ints(2, 1)], 2, I("axis", 0))) g.Output(v); },
            [F("x", 3, 2), new("split", DataType.Float, [2], new float[] { 2, 1 })]);
        yield return new("Tile-1", 1, g => g.Output(g.Op("Tile", [g["x"], g["tiles"], g["axis"]])),
            g => g.Output(g.Op("Tile", [g["x"], g.Ints(1, 3, 1)])),
            [F("x", 2, 3, 2), new("tiles", DataType.Float, [], new float[] { 3 }), new("axis", DataType.Float, [], new float[] { 1 })]);
        foreach (string mode in new[] { "constant", "reflect", "edge" })
        {
            yield return new($"Pad-1 {mode}", 1,
                g => g.Output(g.Op("Pad", g["x"], Is("paddings", 0, 0, 1, 2, 0, 0, 2, 1), S("mode", mode), Fl("value", 1.5f))),
                g => g.Output(g.Op("Pad", [g["x"], g.Ints(0, 0, 1, 2, 0, 0, 2, 1), g.Floats([], mode == "constant" ? 1.5f : 0f)], S("mode", mode))), [F("x", 1, 2, 3, 4)]);
        }
        yield return new("Reshape-1", 1, g => g.Output(g.Op("Reshape", g["x"], Is("shape", 4, 0, -1))),
            g => g.Output(g.Op("Reshape", [g["x"], g.Ints(4, 3, -1)])), [F("x", 2, 3, 4)]);
        yield return new("GlobalLpPool-1 p=3", 1, g => g.Output(g.Op("GlobalLpPool", g["x"], Fl("p", 3f))),
            g => g.Output(g.Op("GlobalLpPool", g["x"], I("p", 3))), [F("x", A4)]);
        yield return new("LpPool-1 p=3", 1, g => g.Output(g.Op("LpPool", g["x"], Fl("p", 3f), Is("kernel_shape", 2, 2))),
            g => g.Output(g.Op("LpPool", g["x"], I("p", 3), Is("kernel_shape", 2, 2))), [F("x", A4)]);
        foreach (var (mode, modern) in new[] { ("nearest", "nearest"), ("bilinear", "linear") })
        {
            yield return new($"Upsample-1 {mode}", 1, g => g.Output(g.Op("Upsample", g["x"], Fl("height_scale", 2f), Fl("width_scale", 3f), S("mode", mode))),
                g => g.Output(g.Op("Resize", [g["x"], g.Floats([0]), g.Floats([4], 1, 1, 2, 3)], S("mode", modern), S("coordinate_transformation_mode", "asymmetric"), S("nearest_mode", "floor"))),
                [F("x", 1, 2, 3, 4)]);
        }

        // RNN, GRU, LSTM at opsets 1 and 3: output_sequence (no effect on values), GRU-1 without linear_before_reset.
        (string Op, int Version, int Gates, IrAttribute[] Attributes)[] recurrent =
        [
            ("RNN", 1, 1, [I("output_sequence", 1)]), ("GRU", 1, 3, [I("output_sequence", 1)]),
            ("GRU", 3, 3, [I("linear_before_reset", 1)]), ("LSTM", 1, 4, [S("direction", "bidirectional")]),
        ];
        foreach (var (op, version, gates, attributes) in recurrent)
        {
            int directions = attributes.Any(a => a.Name == "direction") ? 2 : 1, outputs = op == "LSTM" ? 3 : 2;
            var modernAttributes = attributes.Where(a => a.Name != "output_sequence").Append(I("hidden_size", 5)).ToArray();
            yield return new($"{op}-{version}", version,
                g => { foreach (var v in g.Node(op, [g["x"], g["w"], g["r"], g["b"]], outputs, [.. attributes, I("hidden_size", 5)])) g.Output(v); },
                g => { foreach (var v in g.Node(op, [g["x"], g["w"], g["r"], g["b"]], outputs, modernAttributes)) g.Output(v); },
                [F("x", 3, 2, 4), F("w", directions, gates * 5, 4), F("r", directions, gates * 5, 5), F("b", directions, 2 * gates * 5)]);
        }

        // MaxRoiPool exists only at opset 1 (and 22); ONNX Runtime implements version 1.
        float[] rois = [0, 1, 1, 6, 5, 0, 0, 2, 7, 7, 0, 3.4f, 0.6f, 3.4f, 4.5f];
        foreach (float scale in new[] { 1f, 0.5f })
        {
            yield return new($"MaxRoiPool-1 scale {scale}", 1,
                g => g.Output(g.Op("MaxRoiPool", [g["x"], g["rois"]], Is("pooled_shape", 2, 3), Fl("spatial_scale", scale))),
                g => g.Output(g.Op("MaxRoiPool", [g["x"], g["rois"]], Is("pooled_shape", 2, 3), Fl("spatial_scale", scale))),
                [F("x", 1, 2, 8, 8), new("rois", DataType.Float, [3, 5], rois)]);
        }
    }

    private static readonly Dictionary<string, LegacyCase> ByName = Cases().ToDictionary(c => c.Name);

    public static TheoryData<string> Names() => [.. ByName.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void OldVersionMatchesItsModernFormOnOnnxRuntime(string name)
    {
        var testCase = ByName[name];
        var inputs = testCase.Inputs.ToDictionary(s => s.Name, Data);
        var old = Build(testCase.Inputs, testCase.OldOpset, 3, testCase.Old);
        var modern = Build(testCase.Inputs, ModernOpset, 7, testCase.Modern);
        using var onnxRuntime = OnnxSession.FromModel(modern);
        var expected = onnxRuntime.Run(inputs);
        Assert.Equal(modern.Graph.Outputs.Count, old.Graph.Outputs.Count);

        // Graph outputs declare their shapes (ONNX requires it); they are ONNX Runtime's.
        foreach (var (output, i) in old.Graph.Outputs.Select((o, i) => (o, i)))
            output.Type = new TensorType(output.TensorType!.ElementType, Shape.Of([.. expected[modern.Graph.Outputs[i].Name].Dims]));
        var report = ModelChecker.Check(old);
        Assert.True(report.IsValid, report.ToString());

        using var reference = new ReferenceModelBackend(old);
        var actual = reference.Run(inputs);
        for (int i = 0; i < old.Graph.Outputs.Count; i++)
        {
            var a = actual[old.Graph.Outputs[i].Name];
            var e = expected[modern.Graph.Outputs[i].Name];
            Assert.Equal(e.Dims, a.Dims);
            double[] x = Doubles(a), y = Doubles(e);
            for (int k = 0; k < y.Length; k++)
                Assert.True(Math.Abs(x[k] - y[k]) <= 1e-5 + 1e-4 * Math.Abs(y[k]), $"{name}, output {i} [{k}]: reference {x[k]}, ONNX Runtime {y[k]}");
        }
    }

    [Theory]
    [InlineData("Add", 6, "without broadcast=1 needs operands of the same shape")]
    [InlineData("Sum", 6, "needs inputs of one shape")]
    [InlineData("Gemm", 6, "needs C of shape [3,5]")]
    [InlineData("Dropout", 6, "drops random elements")]
    [InlineData("Cast", 1, "names no ONNX data type")]
    public void OldVersionsRefuseWhatTheirSpecForbids(string op, int opset, string message)
    {
        var (inputs, build) = op switch
        {
            "Add" => (new[] { F("a", 2, 3), F("b", 3) }, (Action<OneOpGraph>)(g => g.Output(g.Op("Add", [g["a"], g["b"]])))),
            "Sum" => ([F("a", 2, 3), F("b", 3)], g => g.Output(g.Op("Sum", [g["a"], g["b"]]))),
            "Gemm" => ([F("a", 3, 4), F("b", 4, 5), F("c", 5)], g => g.Output(g.Op("Gemm", [g["a"], g["b"], g["c"]]))),
            "Dropout" => ([F("a", 2, 3)], g => g.Output(g.Op("Dropout", g["a"]))),
            _ => ([F("a", 2, 3)], (Action<OneOpGraph>)(g => g.Output(g.Op("Cast", g["a"], S("to", "QUATERNION")), DataType.Int32))),
        };
        using var reference = new ReferenceModelBackend(Build(inputs, opset, 3, build));
        var error = Assert.ThrowsAny<OnnxKitException>(() => reference.Run(inputs.ToDictionary(s => s.Name, Data)));
        Assert.Contains(message, error.Message);
    }

    private static Model Build(InputSpec[] inputs, int opset, long irVersion, Action<OneOpGraph> body)
    {
        var graph = new OneOpGraph(opset, irVersion, inputs);
        body(graph);
        return graph.Build();
    }

    /// <summary>The input's fixed values, or seeded random ones (the seed follows the name, so both models see the same).</summary>
    private static ITensor Data(InputSpec spec)
    {
        int count = (int)spec.Dims.Aggregate(1L, (a, b) => a * b);
        var random = new Random(spec.Name.Aggregate(17, (h, ch) => h * 31 + ch) + count);
        double Next() => (random.NextDouble() * 1.5 + 0.5) * (spec.Positive || random.Next(2) == 0 ? 1 : -1);
        return spec.Type switch
        {
            DataType.Float => DenseTensor.FromFloats(spec.Values as float[] ?? Enumerable.Range(0, count).Select(_ => (float)Next()).ToArray(), spec.Dims),
            DataType.Int32 => DenseTensor.FromArray(DataType.Int32, Enumerable.Range(0, count).Select(_ => random.Next(-5, 6)).ToArray(), spec.Dims),
            DataType.Bool => DenseTensor.FromArray(DataType.Bool, Enumerable.Range(0, count).Select(_ => (byte)random.Next(2)).ToArray(), spec.Dims),
            _ => throw new ArgumentException($"no data for {spec.Type}"),
        };
    }

    private static double[] Doubles(ITensor tensor) => tensor.DataType switch
    {
        DataType.Float => tensor.ToArray<float>().Select(v => (double)v).ToArray(),
        DataType.Double => tensor.ToArray<double>(),
        DataType.Int32 => tensor.ToArray<int>().Select(v => (double)v).ToArray(),
        DataType.Bool => tensor.ToArray<byte>().Select(v => (double)v).ToArray(),
        var other => throw new ArgumentException($"cannot compare {other}"),
    };
}
