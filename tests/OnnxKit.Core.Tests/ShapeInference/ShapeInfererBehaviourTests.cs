using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Serialization;
using OnnxKit.ShapeInference;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>What Infer does with declared types, value_info, the report, subgraphs and model-local functions.</summary>
public sealed class ShapeInfererBehaviourTests
{
    [Fact]
    public void DeclaredTypesAreRefinedNeverReplaced()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 8);
        var relu = g.Op("Relu", [x]);
        var sigmoid = g.Op("Sigmoid", [relu]);
        var tanh = g.Op("Tanh", [sigmoid]);
        relu.Type = new TensorType(DataType.Float, new Shape(Dim.Named("N"), Dim.Unknown()));
        sigmoid.Type = new TensorType(DataType.Float, Shape.Of(1, 9));
        tanh.Type = new TensorType(DataType.Double);
        g.Output(tanh);

        var report = g.Infer();

        Assert.Equal("tensor(float)[1,8]", relu.Type.ToString());
        Assert.Equal("tensor(float)[1,9]", sigmoid.Type.ToString());
        Assert.Equal("tensor(double)", tanh.Type.ToString());
        Assert.Equal(1, report.RefinedValueCount);
        Assert.Equal(0, report.TypedValueCount);
        Assert.Collection(report.Diagnostics,
            shape =>
            {
                Assert.Equal(ShapeDiagnosticKind.TypeConflict, shape.Kind);
                Assert.Equal("main/Sigmoid#1", shape.NodePath);
                Assert.Equal(sigmoid.Name, shape.ValueName);
                Assert.Equal("tensor(float)[1,8]", shape.Inferred?.ToString());
            },
            element =>
            {
                Assert.Equal("main/Tanh#2", element.NodePath);
                Assert.Contains("element type double", element.Message);
            });
    }

    [Fact]
    public void ConflictsCanBeErrors()
    {
        var g = new GraphBuilder();
        var y = g.Op("Relu", [g.Input("x", 1, 8)]);
        y.Type = new TensorType(DataType.Float, Shape.Of(2, 8));
        var error = Assert.Throws<ShapeInferenceException>(() => g.Infer(new ShapeInferenceOptions { ConflictsAreErrors = true }));
        Assert.Contains("main/Relu#0", error.Message);
        Assert.Single(error.Report.Diagnostics);
        Assert.Equal("tensor(float)[2,8]", y.Type.ToString());
    }

    [Fact]
    public void NewlyTypedIntermediatesGoIntoValueInfoAndSurviveSaving()
    {
        var model = TestSupport.TestModels.Dense();
        var graph = model.Graph;
        var report = ShapeInferer.Infer(model);

        // xw and z are intermediates; y was declared as a graph output already.
        Assert.Equal(["xw", "z"], graph.ValueInfo.Select(v => v.Name));
        Assert.Equal(2, report.TypedValueCount);
        Assert.Equal(3, report.NodeCount);
        var reloaded = OnnxFile.Load(OnnxFile.ToBytes(model));
        Assert.Equal(["tensor(float)[N,3]", "tensor(float)[N,3]"], reloaded.Graph.ValueInfo.Select(v => v.Type?.ToString()));

        var unrecorded = TestSupport.TestModels.Dense();
        ShapeInferer.Infer(unrecorded, new ShapeInferenceOptions { WriteValueInfo = false });
        Assert.Empty(unrecorded.Graph.ValueInfo);
        Assert.Equal("tensor(float)[N,3]", unrecorded.Graph.Nodes.First!.Outputs[0].Type?.ToString());
    }

    [Fact]
    public void NodesWithoutARuleAreListedWithWhatTheSchemaGives()
    {
        var g = new GraphBuilder(22);
        var text = g.Input("text", DataType.String, "N");
        var split = g.AddNode("StringSplit", [text], outputCount: 2);
        var custom = new Node("com.example", "Mystery", [g.Input("x", 3)], ["m"]);
        g.Graph.Nodes.Add(custom);
        var report = g.Infer();

        Assert.Equal([("main/StringSplit#0", "", "StringSplit"), ("main/Mystery#1", "com.example", "Mystery")],
            report.NodesWithoutRule.Select(n => (n.NodePath, n.Domain, n.OpType)));
        Assert.Equal("tensor(string)", split.Outputs[0].Type?.ToString());
        Assert.Equal("tensor(int64)", split.Outputs[1].Type?.ToString());
        Assert.Null(custom.Outputs[0].Type);
    }

    [Fact]
    public void IfOutputsAreWhatBothBranchesShare()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 4);
        var thenBranch = Branch(x, "Relu", 4);
        var elseBranch = Branch(x, "Tile", 8);
        var y = g.Op("If", [g.Input("c", DataType.Bool)], Attribute.Graph("then_branch", thenBranch), Attribute.Graph("else_branch", elseBranch));
        var report = g.Infer();

        Assert.Equal("tensor(float)[N,4]", thenBranch.Outputs[0].Type?.ToString());
        Assert.Equal("tensor(float)[N,8]", elseBranch.Outputs[0].Type?.ToString());
        Assert.Equal("tensor(float)[N,?]", y.Type?.ToString());
        Assert.True(report.IsConsistent);
        Assert.Equal(3, report.NodeCount);

        static Graph Branch(Value x, string op, long width)
        {
            var branch = new Graph(op);
            var node = op == "Tile"
                ? new Node("", op, [x, branch.AddInitializer("repeats", DenseTensor.FromInt64s([1, 2], [2]))], [op + "_out"])
                : new Node("", op, [x], [op + "_out"]);
            branch.Nodes.Add(node);
            branch.Outputs.Add(node.Outputs[0]);
            return branch;
        }
    }

    [Fact]
    public void LoopBodyInputsAreTypedFromTheNodeAndScanOutputsStack()
    {
        var g = new GraphBuilder();
        var body = new Graph("body");
        var iteration = new Value("i");
        var condition = new Value("cond_in");
        var steady = new Value("steady_in");
        var growing = new Value("growing_in");
        body.Inputs.AddRange([iteration, condition, steady, growing]);
        var relu = new Node("", "Relu", [steady], ["steady_out"]);
        var concat = new Node("", "Concat", [growing, growing], ["growing_out"], [Attribute.Int("axis", 0)]);
        var passCondition = new Node("", "Identity", [condition], ["cond_out"]);
        var perStep = new Node("", "Unsqueeze", [iteration, body.AddInitializer("axes", DenseTensor.FromInt64s([0], [1]))], ["step"]);
        body.Nodes.AddRange([relu, concat, passCondition, perStep]);
        body.Outputs.AddRange([passCondition.Outputs[0], relu.Outputs[0], concat.Outputs[0], perStep.Outputs[0]]);
        var loop = g.AddNode("Loop", [g.Graph.AddInitializer("M", DenseTensor.FromInt64s([5], [])), null, g.Input("a", "N", 4), g.Input("b", 2, 3)], [Attribute.Graph("body", body)], outputCount: 3);

        var report = g.Infer();

        Assert.Equal("tensor(int64)[]", iteration.Type?.ToString());
        // Relu returns its input's shape, so that shape holds in every iteration; Concat grows it, so it may not be assumed.
        Assert.Equal("tensor(float)[N,4]", steady.Type?.ToString());
        Assert.Equal("tensor(float)", growing.Type?.ToString());
        Assert.Equal("tensor(float)[N,4]", loop.Outputs[0].Type?.ToString());
        Assert.Equal("tensor(float)", loop.Outputs[1].Type?.ToString());
        Assert.Equal("tensor(int64)[?,1]", loop.Outputs[2].Type?.ToString());
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public void DiagnosticsInsideSubgraphsNameTheirPath()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 3);
        var branch = new Graph("then");
        var bad = new Node("", "Add", [x, g.Input("y", 4)], ["sum"], name: "bad_add");
        branch.Nodes.Add(bad);
        branch.Outputs.Add(bad.Outputs[0]);
        g.AddNode("If", [g.Input("c", DataType.Bool)], [Attribute.Graph("then_branch", branch), Attribute.Graph("else_branch", branch)], outputCount: 1);
        var report = g.Infer();
        Assert.Contains(report.Diagnostics, d => d.NodePath == "main/If#0/then_branch/bad_add");
    }

    [Fact]
    public void ModelLocalFunctionsAreInferredPerCallWithTheCallersAttributes()
    {
        var g = new GraphBuilder();
        var body = new Graph();
        var input = new Value("in");
        body.Inputs.Add(input);
        var transpose = new Node("", "Transpose", [input], ["t"], [Attribute.Reference("perm", AttributeType.Ints, "order")]);
        var relu = new Node("", "Relu", [transpose.Outputs[0]], ["out"]);
        body.Nodes.AddRange([transpose, relu]);
        body.Outputs.Add(relu.Outputs[0]);
        var function = new Function("local", "TransposedRelu", body, [new OpsetImport("", 17)]);
        function.AttributeNames.Add("order");
        var model = g.ToModel(moreImports: new OpsetImport("local", 1));
        model.Functions.Add(function);

        var first = new Node("local", "TransposedRelu", [g.Input("a", "N", 3, 5)], ["first"], [Attribute.Ints("order", [2, 0, 1])]);
        var second = new Node("local", "TransposedRelu", [g.Input("b", 7, 2)], ["second"], [Attribute.Ints("order", [1, 0])]);
        g.Graph.Nodes.AddRange([first, second]);
        var report = ShapeInferer.Infer(model);

        Assert.Equal("tensor(float)[5,N,3]", first.Outputs[0].Type?.ToString());
        Assert.Equal("tensor(float)[2,7]", second.Outputs[0].Type?.ToString());
        // The body is shared by both calls: it keeps no call's types.
        Assert.Null(relu.Outputs[0].Type);
        Assert.Empty(report.NodesWithoutRule);
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public void AnInitializerThatIsAlsoAnInputIsNotAConstant()
    {
        // From IR version 4 such an initializer is only a default the caller may replace.
        var g = new GraphBuilder();
        var shape = g.Ints("c0", 2, 6);
        g.Graph.Inputs.Add(shape);
        var y = g.Op("Reshape", [g.Input("x", 3, 4), shape]);
        g.Infer();
        Assert.Equal("tensor(float)[?,?]", y.Type?.ToString());
    }
}
