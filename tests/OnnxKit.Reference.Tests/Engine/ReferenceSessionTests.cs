using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using static OnnxKit.Reference.Tests.TestGraphs;

namespace OnnxKit.Reference.Tests.Engine;

public sealed class ReferenceSessionTests
{
    [Fact]
    public void RunsADenseModelAndMatchesAHandComputation()
    {
        var session = new ReferenceSession(OnnxKit.Tests.TestSupport.TestModels.Dense());
        float[] x = [1, 2, 3, 4, -1, 0, 1, 0];
        var y = Floats(session.Run([TensorValue.FromFloats(x, 2, 4)])[0]);

        // W[i,j] = 0.1·(3i + j), b = [-0.5, 0.5, 1.5]
        var expected = new float[6];
        for (int n = 0; n < 2; n++)
        {
            for (int j = 0; j < 3; j++)
            {
                float sum = -0.5f + j;
                for (int i = 0; i < 4; i++) sum += x[n * 4 + i] * 0.1f * (3 * i + j);
                expected[n * 3 + j] = Math.Max(sum, 0);
            }
        }
        Assert.Equal(expected, y, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void AnUnsupportedOperatorIsReportedAtConstructionWithOpDomainOpsetAndNode()
    {
        var g = new GraphBuilder(21);
        var node = g.AddNode("Frobnicate", [g.Input("x", 2)], domain: "com.example", name: "frob_1");
        g.Output(node.Outputs[0]);
        var model = g.ToModel(moreImports: new OpsetImport("com.example", 3));

        var error = Assert.Throws<UnsupportedFeatureException>(() => new ReferenceSession(model));
        Assert.Contains("Frobnicate", error.Message);
        Assert.Contains("com.example", error.Message);
        Assert.Contains("opset 3", error.Message);
        Assert.Contains("'frob_1'", error.Message);
    }

    [Fact]
    public void AKnownOperatorAtAnOpsetWithoutAKernelNamesTheOpset()
    {
        // LabelEncoder-1 (ai.onnx.ml opset 1) took its mapping as string lists; only versions 2 and 4 are implemented.
        var g = new GraphBuilder(13, "encode");
        g.Output(g.AddNode("LabelEncoder", [g.Input("x", DataType.String, 2)], domain: "ai.onnx.ml").Outputs[0]);
        var model = g.ToModel(10, new OpsetImport("ai.onnx.ml", 1));
        var error = Assert.Throws<UnsupportedFeatureException>(() => new ReferenceSession(model));
        Assert.Contains("LabelEncoder", error.Message);
        Assert.Contains("opset 1", error.Message);
        Assert.Contains("2-4", error.Message);
    }

    [Fact]
    public void ARuntimeErrorNamesTheNode()
    {
        var model = SingleNode("Reshape", null, 21, [2, 3]);
        var shape = model.Graph.AddInitializer("shape", DenseTensor.FromInt64s([4, 2], [2]));
        model.Graph.Nodes.First!.AppendInput(shape);
        var session = new ReferenceSession(model);

        var error = Assert.Throws<OnnxKitException>(() => session.Run([TensorValue.FromFloats(new float[6], 2, 3)]));
        Assert.Contains("(Reshape)", error.Message);
        Assert.Contains("cannot reshape", error.Message);
    }

    [Fact]
    public void AMistypedInputIsRejectedByName()
    {
        var session = new ReferenceSession(SingleNode("Relu", null, 14, [2, 2]));
        var error = Assert.Throws<OnnxKitException>(() => session.Run([TensorValue.Create(DataType.Int64, [2, 2], new long[4])]));
        Assert.Contains("'x0'", error.Message);
        var wrongShape = Assert.Throws<OnnxKitException>(() => session.Run([TensorValue.FromFloats(new float[3], 3)]));
        Assert.Contains("[3]", wrongShape.Message);
    }

    [Fact]
    public void InputsAreNotModified()
    {
        var session = new ReferenceSession(SingleNode("Relu", null, 14, [4]));
        float[] data = [-1, 2, -3, 4];
        var result = Floats(session.Run([TensorValue.FromFloats(data, 4)])[0]);
        Assert.Equal([0f, 2, 0, 4], result);
        Assert.Equal([-1f, 2, -3, 4], data);
    }

    [Fact]
    public void SubgraphsReadOuterScopeValues()
    {
        // y = If(c) then (x + k) else (x · k), with x and k defined in the main graph.
        var g = new GraphBuilder(21);
        var x = g.Input("x", 3);
        var c = g.Input("c", DataType.Bool);
        var k = g.Floats("k", [10, 20, 30], 3);
        Graph Branch(string op)
        {
            var branch = g.Subgraph(op);
            branch.Output(branch.Op(op, [x, k]));
            return branch.Graph;
        }
        g.Output(g.Op("If", [c], Ir.Attribute.Graph("then_branch", Branch("Add")), Ir.Attribute.Graph("else_branch", Branch("Mul"))));
        var session = new ReferenceSession(g.ToModel());

        var input = TensorValue.FromFloats([1, 2, 3], 3);
        Assert.Equal([11f, 22, 33], Floats(session.Run([input, TensorValue.Scalar(DataType.Bool, true)])[0]));
        Assert.Equal([10f, 40, 90], Floats(session.Run([input, TensorValue.Scalar(DataType.Bool, false)])[0]));
    }

    [Fact]
    public void LoopCarriesStateAndStacksScanOutputs()
    {
        // for i in 0..M-1: s = s + i; emit s
        var g = new GraphBuilder(21);
        var m = g.Input("M", DataType.Int64);
        var s0 = g.Input("s0", DataType.Int64);
        var body = g.Subgraph("body");
        var i = body.Input("i", DataType.Int64);
        var cond = body.Input("cond", DataType.Bool);
        var s = body.Input("s", DataType.Int64);
        var next = body.Add(s, i);
        var keep = body.Identity(cond);
        body.Output(keep).Output(next).Output(body.Identity(next));
        var loop = g.Op("Loop", [m, null, s0], 2, Ir.Attribute.Graph("body", body.Graph));
        g.Output(loop[0]).Output(loop[1]);
        var session = new ReferenceSession(g.ToModel());

        var outputs = session.Run([TensorValue.Scalar(DataType.Int64, 5L), TensorValue.Scalar(DataType.Int64, 100L)]);
        Assert.Equal([110L], ((TensorValue)outputs[0]).AsSpan<long>().ToArray());
        var all = (TensorValue)outputs[1];
        Assert.Equal([5], all.Shape);
        Assert.Equal([100L, 101, 103, 106, 110], all.AsSpan<long>().ToArray());
    }

    [Fact]
    public void ModelLocalFunctionsRunWithTheCallersAttributes()
    {
        // function Scale(x) = x · alpha, alpha defaulting to 2; called with alpha = 3 and without it.
        var body = new Graph("Scale");
        var fx = new Value("fx");
        body.Inputs.Add(fx);
        var constant = new Node("", "Constant", [], ["alpha_value"], [Ir.Attribute.Reference("value_float", AttributeType.Float, "alpha")]);
        var mul = new Node("", "Mul", [fx, constant.Outputs[0]], ["fy"]);
        body.Nodes.AddRange([constant, mul]);
        body.Outputs.Add(mul.Outputs[0]);
        var function = new Function("com.example", "Scale", body, [new OpsetImport("", 21)]);
        function.AttributeDefaults.Add(Ir.Attribute.Float("alpha", 2));

        var g = new GraphBuilder(21);
        var first = g.AddNode("Scale", [g.Input("x", 2)], [Ir.Attribute.Float("alpha", 3)], domain: "com.example").Outputs[0];
        var second = g.AddNode("Scale", [first], domain: "com.example").Outputs[0];
        g.Output(first).Output(second);
        var model = g.ToModel(moreImports: new OpsetImport("com.example", 1));
        model.Functions.Add(function);

        var outputs = new ReferenceSession(model).Run([TensorValue.FromFloats([1, -2], 2)]);
        Assert.Equal([3f, -6], Floats(outputs[0]));
        Assert.Equal([6f, -12], Floats(outputs[1]));
    }

    [Fact]
    public void HalfPrecisionOpsComputeInFloat32AndRoundOnce()
    {
        // Summing 4096 copies of 1 + 2⁻¹⁰ in float16 steps would stall at 2048 (spacing 2 there);
        // accumulating in float32 and rounding once gives the float16 nearest to 4100.
        int n = 4096;
        var model = SingleNode("ReduceSum", [Ir.Attribute.Int("keepdims", 0)], 13, [n]);
        model.Graph.Inputs[0].Type = new TensorType(DataType.Float16, Shape.Of(n));
        var values = Enumerable.Repeat((Half)(1 + 1.0 / 1024), n).ToArray();
        var result = (TensorValue)new ReferenceSession(model).Run([TensorValue.Create(DataType.Float16, [n], values)])[0];

        Assert.Equal(DataType.Float16, result.ElementType);
        Assert.Equal((Half)(float)(n * (1 + 1.0 / 1024)), result.AsSpan<Half>()[0]);
    }

    [Fact]
    public void BFloat16OutputsAreRoundedToNearestEven()
    {
        var model = SingleNode("Add", null, 14, [1], [1]);
        foreach (var input in model.Graph.Inputs) input.Type = new TensorType(DataType.BFloat16, Shape.Of(1));
        var one = TensorValue.Create(DataType.BFloat16, [1], [BFloat16.FromSingle(1f)]);
        var tiny = TensorValue.Create(DataType.BFloat16, [1], [BFloat16.FromSingle(1f / 256)]);
        var result = (TensorValue)new ReferenceSession(model).Run([one, tiny])[0];

        // 1 + 2⁻⁸ lies halfway between the bfloat16 neighbours 1 and 1 + 2⁻⁷: ties go to the even one, 1.
        Assert.Equal(1f, result.AsSpan<BFloat16>()[0].ToSingle());
    }
}
