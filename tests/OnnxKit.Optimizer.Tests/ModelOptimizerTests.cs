using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Optimizer.Verification;
using OnnxKit.Serialization;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests;

public sealed class ModelOptimizerTests
{
    private static VerificationSettings Verify(Model model, bool eachPass = false) => new()
    {
        Backend = Numerics.OnnxRuntime,
        InputSets = Numerics.RandomInputs(model).Select(p => (IReadOnlyDictionary<string, ITensor>)new Dictionary<string, ITensor> { [p.Name] = p.Tensor }).ToList(),
        EachPass = eachPass,
    };

    private static Model ReluIdentityModel()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3);
        return g.Output(g.Op("Identity", [g.Op("Relu", [x])]), DataType.Float, 2, 3).ToModel();
    }

    [Fact]
    public void TheInputModelIsNeverChanged()
    {
        var model = ReluIdentityModel();
        byte[] before = OnnxFile.ToBytes(model);
        var result = ModelOptimizer.Optimize(model, new OptimizeOptions());
        Assert.Equal(["Relu"], Optimize.Ops(result.Model));
        Assert.Equal(before, OnnxFile.ToBytes(model));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AWrongPassIsUndoneReportedAndTheRestContinues(bool eachPass)
    {
        var model = ReluIdentityModel();
        var registry = PassRegistry.Default.Register(() => new ReluToSigmoidPass());
        var result = ModelOptimizer.Optimize(model, new OptimizeOptions
        {
            Registry = registry,
            Passes = ["break-relu", "remove-no-ops"],
            Verification = Verify(model, eachPass),
        });

        Assert.Equal(["Relu"], Optimize.Ops(result.Model));
        var rejected = Assert.Single(result.Report.Rejected);
        Assert.Equal("break-relu", rejected.Pass);
        Assert.Contains("out of tolerance", rejected.RejectedBecause);
        Assert.True(result.Report.Verification!.Passed);
        if (!eachPass) Assert.Contains(result.Report.Warnings, w => w.Contains("verifying after every pass"));
    }

    [Fact]
    public void ShapesInferredBetweenIterationsLetShapeArithmeticFold()
    {
        // Flatten written out the way converters do: Reshape(y, Concat([-1], ReduceProd(Shape(y)[1:]))), no declared intermediate types.
        var g = new GraphBuilder(13);
        var x = g.Input("x", DataType.Float, "N", 2, 3, 4);
        var conv = g.Op("Conv", [x, g.Random("w", [5, 2, 1, 1])]);
        var features = g.Op("Slice", [g.Op("Shape", [conv]), g.Ints("s0", 1), g.Ints("s1", 4)]);
        var target = g.Op("Concat", [g.Ints("batch", -1), g.Op("ReduceProd", [features], IrAttribute.Int("keepdims", 1))], IrAttribute.Int("axis", 0));
        var model = g.Output(g.Op("Relu", [g.Op("Reshape", [conv, target])]), new TensorType(DataType.Float)).ToModel();

        var result = ModelOptimizer.Optimize(model, new OptimizeOptions { Verification = Verify(model) });
        Assert.Equal(["Conv", "Reshape", "Relu"], Optimize.Ops(result.Model));
        Assert.Equal([-1L, 60], result.Model.Graph.Nodes.ElementAt(1).Inputs[1]!.ConstValue!.ToInt64Array());
        Assert.True(result.Report.Verification!.Passed, result.Report.Verification.Summary);
    }

    [Fact]
    public void SubgraphsAreOptimizedToo()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", 1, 3, 4, 4);
        var flag = g.Input("flag", DataType.Bool);
        var gamma = g.Random("gamma", [3], 0.5, 1.5);
        var beta = g.Random("beta", [3]);
        var mean = g.Random("mean", [3]);
        var variance = g.Random("var", [3], 0.5, 2);
        Graph Branch(string name, bool withBatchNorm)
        {
            var branch = new Graph(name);
            var conv = new Node("", "Conv", [x, g.Random("w_" + name, [3, 3, 1, 1])], [name + "_conv"]);
            branch.Nodes.Add(conv);
            var last = conv;
            if (withBatchNorm)
            {
                last = new Node("", "BatchNormalization", [conv.Outputs[0], gamma, beta, mean, variance], [name + "_bn"]);
                branch.Nodes.Add(last);
            }
            var identity = new Node("", "Identity", [last.Outputs[0]], [name + "_out"]);
            branch.Nodes.Add(identity);
            identity.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(1, 3, 4, 4));
            branch.Outputs.Add(identity.Outputs[0]);
            return branch;
        }
        var chosen = g.Op("If", [flag], IrAttribute.Graph("then_branch", Branch("then", true)), IrAttribute.Graph("else_branch", Branch("else", false)));
        var model = g.Output(chosen, DataType.Float, 1, 3, 4, 4).ToModel();

        var result = ModelOptimizer.Optimize(model, new OptimizeOptions());
        var branches = result.Model.Graph.Nodes.Single().Subgraphs().ToList();
        Assert.All(branches, b => Assert.Equal(["Conv"], b.Nodes.Select(n => n.OpType)));
        foreach (bool value in new[] { true, false })
        {
            var data = Enumerable.Range(0, 48).Select(i => MathF.Sin(i)).ToArray();
            var inputs = new List<(string, ITensor)> { ("x", DenseTensor.FromFloats(data, [1, 3, 4, 4])), ("flag", DenseTensor.FromArray(DataType.Bool, new byte[] { value ? (byte)1 : (byte)0 }, [])) };
            Numerics.AssertClose(Numerics.Run(model, inputs), Numerics.Run(result.Model, inputs), 1e-4, 1e-5);
        }
    }

    [Fact]
    public void BeforeIrVersion4InitializersListedAsInputsAreConstantsAndNewOnesAreListedToo()
    {
        var g = new GraphBuilder(8);
        var x = g.Input("x", 1, 3, 4, 4);
        var conv = g.Op("Conv", [x, g.Random("w", [2, 3, 1, 1]), g.Random("b", [2])]);
        var bn = g.Op("BatchNormalization", [conv, g.Random("s", [2], 0.5, 1.5), g.Random("t", [2]), g.Random("m", [2]), g.Random("v", [2], 0.5, 2)]);
        var model = g.Output(g.Op("Relu", [bn]), DataType.Float, 1, 2, 4, 4).ToModel();
        model.IrVersion = 3;
        foreach (var init in model.Graph.Initializers) model.Graph.Inputs.Add(init);
        Assert.True(Checker.ModelChecker.Check(model).IsValid);

        var result = ModelOptimizer.Optimize(model, new OptimizeOptions());
        Assert.Equal(["Conv", "Relu"], Optimize.Ops(result.Model));
        Assert.Equal(["x", .. result.Model.Graph.Initializers.Select(i => i.Name)], result.Model.Graph.Inputs.Select(i => i.Name));
        Assert.True(Checker.ModelChecker.Check(result.Model).IsValid, Checker.ModelChecker.Check(result.Model).ToString());
        var inputs = new List<(string, ITensor)> { ("x", DenseTensor.FromFloats(Enumerable.Range(0, 48).Select(i => MathF.Cos(i)).ToArray(), [1, 3, 4, 4])) };
        Numerics.AssertClose(Numerics.Run(model, inputs), Numerics.Run(result.Model, inputs), 1e-4, 1e-5);
    }
}
