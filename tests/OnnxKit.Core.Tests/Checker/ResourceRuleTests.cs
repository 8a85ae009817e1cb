using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Security;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.Checker;

/// <summary>
/// The checker's safety rules (docs/security.md), which <see cref="ModelGuard"/> applies before a model runs:
/// each fires on the model it is about, at the right location, and not on its valid neighbour; the guard
/// accepts every one of ONNX's conformance models.
/// </summary>
public sealed class ResourceRuleTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    [InlineData(long.MinValue, true)]
    [InlineData(1L << 40, true)]
    [InlineData(1, false)]
    public void Conv_group_must_be_a_positive_count(long group, bool refused)
    {
        var g = new GraphBuilder(13, "g");
        var x = g.Input("x", DataType.Float, 1, 2, 3, 3);
        var w = g.Graph.AddInitializer("w", DenseTensor.FromFloats([1, 2, 3, 4], [2, 2, 1, 1]));
        g.Output(g.AddNode("Conv", [x, w], [IrAttribute.Int("group", group)], outputNames: ["y"]).Outputs[0], DataType.Float, 1, 2, 3, 3);
        var problems = ModelGuard.Check(g.ToModel(7)).Problems;
        Assert.Equal(refused, problems.Any(p => p.Code == ProblemCodes.AttributeOutOfRange && p.Location == "graph.node[0](Conv).attribute['group']"));
    }

    [Fact]
    public void A_negative_stride_in_a_list_is_named_with_its_position()
    {
        var g = new GraphBuilder(13, "g");
        var x = g.Input("x", DataType.Float, 1, 1, 4, 4);
        g.Output(g.AddNode("MaxPool", [x], [IrAttribute.Ints("kernel_shape", [2, 2]), IrAttribute.Ints("strides", [1, -1])], outputNames: ["y"]).Outputs[0]);
        var problem = Assert.Single(ModelChecker.Check(g.ToModel(7)).Problems, p => p.Code == ProblemCodes.AttributeOutOfRange);
        Assert.Contains("has -1 at position 1", problem.Message);
    }

    [Theory]
    [InlineData(1f, 2f, false)]
    [InlineData(1f, 0.5f, false)]
    [InlineData(1f, float.NaN, true)]
    [InlineData(float.PositiveInfinity, 1f, true)]
    [InlineData(1f, 0f, true)]
    [InlineData(-2f, 1f, true)]
    public void Resize_scales_must_be_finite_and_positive(float first, float second, bool refused)
    {
        var g = new GraphBuilder(13, "g");
        var x = g.Input("x", DataType.Float, 1, 1, 4, 4);
        var scales = g.Graph.AddInitializer("scales", DenseTensor.FromFloats([1, 1, first, second], [4]));
        g.Output(g.AddNode("Resize", [x, null, scales], outputNames: ["y"]).Outputs[0], DataType.Float);
        foreach (var problems in new[] { ModelGuard.Check(g.ToModel(7)).Problems, ModelChecker.Check(g.ToModel(7)).Problems })
            Assert.Equal(refused, problems.Any(p => p.Code == ProblemCodes.ScaleOutOfRange && p.Location == "graph.node[0](Resize)"));
    }

    [Theory]
    [InlineData(100L, null, null)]
    [InlineData(10_000_001L, null, ProblemCodes.LoopTooLong)]
    [InlineData(null, true, ProblemCodes.LoopUnbounded)]
    [InlineData(null, null, ProblemCodes.LoopUnbounded)]
    [InlineData(null, false, null)]
    public void Loops_that_cannot_stop_or_run_too_long_are_refused(long? trips, bool? condition, string? code)
    {
        var problems = ModelGuard.Check(LoopModel(trips, condition)).Problems;
        if (code is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Code == code && p.Location == "graph.node[0](Loop)");
    }

    [Fact]
    public void The_iteration_limit_can_be_raised()
    {
        var limits = new ResourceLimits { MaxLoopIterations = 20_000_000 };
        Assert.Empty(ModelGuard.Check(LoopModel(10_000_001, null), limits).Problems);
    }

    [Fact]
    public void Function_expansion_is_counted_without_inlining()
    {
        var model = ExponentialFunctions(30); // 2^29 Relu nodes once inlined
        var problem = Assert.Single(ModelGuard.Check(model).Problems);
        Assert.Equal(ProblemCodes.ExpansionTooLarge, problem.Code);
        Assert.Contains("536,870,912 nodes", problem.Message);
        Assert.Empty(ModelGuard.Check(ExponentialFunctions(10)).Problems);
        Assert.Single(ModelGuard.Check(ExponentialFunctions(10), new ResourceLimits { MaxNodesAfterInlining = 100 }).Problems);
    }

    [Fact]
    public void Dims_whose_byte_count_overflows_are_a_format_error()
    {
        Assert.Throws<OnnxFormatException>(() => TensorDims.ElementCount([long.MaxValue], "w"));
        Assert.Throws<OnnxFormatException>(() => TensorDims.ElementCount([1L << 32, 1L << 28], "w"));
        Assert.Equal(TensorDims.MaxElements, TensorDims.ElementCount([TensorDims.MaxElements], "w"));
        Assert.Equal(TensorDims.MaxElements * 16, DataType.Complex128.ByteCount(TensorDims.MaxElements));
    }

    [Theory]
    [InlineData("4GiB", 4L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("1000", 1000)]
    public void Byte_sizes_parse_with_binary_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void The_guard_accepts_every_conformance_model()
    {
        var refused = SharedData.BackendModels()
            .Select(path => (path, report: ModelGuard.Check(OnnxFile.Load(path))))
            .Where(r => !r.report.IsValid)
            .Select(r => $"{Path.GetFileName(Path.GetDirectoryName(r.path))}: {r.report}")
            .ToList();
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    private static Model LoopModel(long? trips, bool? condition)
    {
        var body = new GraphBuilder(13, "body");
        body.Input("i", DataType.Int64);
        var c = body.Input("c", DataType.Bool);
        var v = body.Input("v", DataType.Float, 1);
        body.Output(body.AddNode("Identity", [c]).Outputs[0], DataType.Bool);
        body.Output(body.AddNode("Neg", [v]).Outputs[0], DataType.Float, 1);
        var g = new GraphBuilder(13, "g");
        var v0 = g.Input("v0", DataType.Float, 1);
        Value? m = trips is long t ? g.Graph.AddInitializer("m", DenseTensor.FromArray(DataType.Int64, new[] { t }, [])) : null;
        Value? cond = condition is bool b ? g.Graph.AddInitializer("cond", new DenseTensor(DataType.Bool, [], new[] { b ? (byte)1 : (byte)0 })) : null;
        g.Output(g.AddNode("Loop", [m, cond, v0], [IrAttribute.Graph("body", body.Graph)], outputNames: ["v_final"]).Outputs[0], DataType.Float, 1);
        return g.ToModel(7);
    }

    private static Model ExponentialFunctions(int depth)
    {
        var g = new GraphBuilder(17, "g");
        var x = g.Input("x", DataType.Float, 4);
        g.Output(g.AddNode($"f{depth - 1}", [x], outputNames: ["y"], domain: "local").Outputs[0], DataType.Float, 4);
        var model = g.ToModel(8, new OpsetImport("local", 1));
        for (int i = 0; i < depth; i++)
        {
            var body = new Graph(null);
            var input = new Value("x");
            body.Inputs.Add(input);
            Node first = i == 0 ? new Node("", "Relu", [input], ["y"]) : new Node("local", $"f{i - 1}", [input], ["a"]);
            body.Nodes.Add(first);
            if (i > 0) body.Nodes.Add(new Node("local", $"f{i - 1}", [first.Outputs[0]], ["y"]));
            body.Outputs.Add(body.Nodes.Last().Outputs[0]);
            model.Functions.Add(new Function("local", $"f{i}", body, [new OpsetImport("", 17), new OpsetImport("local", 1)]));
        }
        return model;
    }
}
