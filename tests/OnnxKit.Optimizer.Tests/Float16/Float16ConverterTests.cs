using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Optimizer.Verification;
using OnnxKit.Reference;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Float16;

public sealed class Float16ConverterTests
{
    /// <summary>Conv → Relu → Flatten → Gemm → Softmax over a symbolic batch.</summary>
    private static Model SmallCnn()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", DataType.Float, "N", 3, 8, 8);
        var conv = g.Op("Conv", [x, g.Random("w", [4, 3, 3, 3]), g.Random("b", [4])], IrAttribute.Ints("pads", [1, 1, 1, 1]));
        var pooled = g.Op("MaxPool", [g.Op("Relu", [conv])], IrAttribute.Ints("kernel_shape", [2, 2]), IrAttribute.Ints("strides", [2, 2]));
        var dense = g.Op("Gemm", [g.Op("Flatten", [pooled]), g.Random("fc", [64, 10], -0.2, 0.2), g.Random("fc_b", [10])]);
        return g.Output(g.Op("Softmax", [dense], IrAttribute.Int("axis", 1)), new TensorType(DataType.Float)).ToModel();
    }

    private static (Model Model, Float16Report Report) Convert(Model model, Float16Options? options = null)
    {
        var copy = model.Clone();
        var report = Float16Converter.Convert(copy, options);
        return (copy, report);
    }

    [Fact]
    public void WeightsHalveComputationIsFloat16AndOnlyTheBoundaryIsCast()
    {
        var model = SmallCnn();
        var (converted, report) = Convert(model);

        Assert.All(converted.Graph.Initializers, i => Assert.Equal(DataType.Float16, i.ConstValue!.DataType));
        Assert.Equal(model.Graph.Initializers.Sum(i => i.ConstValue!.ByteCount), 2 * converted.Graph.Initializers.Sum(i => i.ConstValue!.ByteCount));
        Assert.Equal(DataType.Float, converted.Graph.Inputs[0].TensorType!.ElementType);
        Assert.Equal(DataType.Float, converted.Graph.Outputs[0].TensorType!.ElementType);
        Assert.Equal(model.Graph.Outputs[0].Name, converted.Graph.Outputs[0].Name);
        Assert.Equal(2, Optimize.Ops(converted).Count(o => o == "Cast"));
        Assert.Equal(2, report.CastsInserted);
        Assert.Equal(6, report.ConvertedNodes);
        Assert.Empty(report.KeptNodes);
        Assert.Contains(converted.Metadata, m => m.Key == Float16Converter.MetadataKey);

        var inputs = Numerics.RandomInputs(model);
        Numerics.AssertClose(Numerics.Run(model, inputs), Numerics.Run(converted, inputs), rtol: 1e-2, atol: 1e-3);
    }

    [Fact]
    public void WithoutKeepIoTypesTheInterfaceBecomesFloat16()
    {
        var (converted, report) = Convert(SmallCnn(), new Float16Options { KeepIoTypes = false });
        Assert.Equal(DataType.Float16, converted.Graph.Inputs[0].TensorType!.ElementType);
        Assert.Equal(DataType.Float16, converted.Graph.Outputs[0].TensorType!.ElementType);
        Assert.DoesNotContain("Cast", Optimize.Ops(converted));
        Assert.Equal(0, report.CastsInserted);
    }

    [Fact]
    public void ASecondConversionIsRefused()
    {
        var (converted, _) = Convert(SmallCnn());
        var error = Assert.Throws<OnnxKitException>(() => Float16Converter.Convert(converted));
        Assert.Contains("already", error.Message);

        var (native, _) = Convert(SmallCnn(), new Float16Options { KeepIoTypes = false });
        native.Metadata.Clear();
        Assert.Throws<OnnxKitException>(() => Float16Converter.Convert(native));
    }

    [Fact]
    public void ConstantsOutsideFloat16RangeAreClampedAndReported()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", 4);
        var big = g.Floats("big", [1e6f, -1e6f, 3f, 65504f], 4);
        var tiny = g.Floats("tiny", [1e-9f, -1e-9f, 0f, 1e-3f], 4);
        var model = g.Output(g.Op("Add", [g.Op("Mul", [x, big]), tiny]), DataType.Float, 4).ToModel();

        var (converted, report) = Convert(model);
        Assert.Equal([65504f, -65504f, 3f, 65504f], converted.Graph.Initializers["big"]!.ConstValue!.ToArray<Half>().Select(h => (float)h));
        Assert.Equal([(float)Half.Epsilon, -(float)Half.Epsilon, 0f, (float)(Half)1e-3f], converted.Graph.Initializers["tiny"]!.ConstValue!.ToArray<Half>().Select(h => (float)h));
        Assert.Equal([new ClampedTensor("big", 4, 2, 0, 1e6), new ClampedTensor("tiny", 4, 0, 2, 1e-3f)], report.Clamped);
    }

    [Fact]
    public void BlockedOpsStayFloat32AndExistingCastsToFloatAreRetargeted()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", 2, 3);
        var ids = g.Input("ids", DataType.Int64, 2, 3);
        var asFloat = g.Op("Cast", [ids], IrAttribute.Int("to", (long)DataType.Float));
        var sum = g.Op("Add", [g.Op("Relu", [x]), asFloat]);
        var exp = g.Op("Exp", [sum]);
        var model = g.Output(g.Op("Mul", [exp, g.Floats("k", [0.5f], [])]), DataType.Float, 2, 3).ToModel();

        var (converted, report) = Convert(model);
        var cast = converted.Graph.Nodes.First(n => n.OpType == "Cast" && n.Inputs[0]!.Name == "ids");
        Assert.Equal((long)DataType.Float16, cast.Attributes.GetInt("to", 0));
        Assert.Equal(1, report.CastsRetargeted);
        var kept = Assert.Single(report.KeptNodes);
        Assert.Equal("Exp", kept.OpType);
        var expNode = converted.Graph.Nodes.Single(n => n.OpType == "Exp");
        Assert.Equal((long)DataType.Float, expNode.Inputs[0]!.Producer!.Attributes.GetInt("to", 0));
        var inputs = new List<(string, ITensor)> { ("x", DenseTensor.FromFloats([0.5f, -1, 2, 3, -4, 1.5f], [2, 3])), ("ids", DenseTensor.FromInt64s([1, 2, 3, 4, 5, 6], [2, 3])) };
        Numerics.AssertClose(Numerics.Run(model, inputs), Numerics.Run(converted, inputs), rtol: 1e-2, atol: 1e-3);
    }

    [Fact]
    public void CastChainsFoldSoNoRoundTripRemains()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", 2, 3);
        var model = g.Output(g.Op("Relu", [g.Op("Cast", [g.Op("Cast", [g.Op("Neg", [x])], IrAttribute.Int("to", (long)DataType.Float16))], IrAttribute.Int("to", (long)DataType.Float))]), DataType.Float, 2, 3).ToModel();
        var (converted, _) = Convert(model);
        var optimized = Optimize.With(converted, "fold-casts", "remove-no-ops", "eliminate-dead-code").Model;
        Assert.Equal(["Cast", "Neg", "Relu", "Cast"], Optimize.Ops(optimized));
    }

    [Fact]
    public void IfBranchesFollowTheirNode()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", 3);
        var flag = g.Input("flag", DataType.Bool);
        Graph Branch(string name, string op)
        {
            var branch = new Graph(name);
            var node = new Node("", op, [x, g.Graph.Initializers["w"] ?? g.Floats("w", [1f, 2f, 3f], 3)], [name + "_out"]);
            node.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(3));
            branch.Nodes.Add(node);
            branch.Outputs.Add(node.Outputs[0]);
            return branch;
        }
        var chosen = g.Op("If", [flag], IrAttribute.Graph("then_branch", Branch("then", "Add")), IrAttribute.Graph("else_branch", Branch("else", "Mul")));
        var model = g.Output(g.Op("Relu", [chosen]), DataType.Float, 3).ToModel();

        var (converted, _) = Convert(model);
        var ifNode = converted.Graph.Nodes.Single(n => n.OpType == "If");
        Assert.All(ifNode.Subgraphs(), b => Assert.Equal(DataType.Float16, b.Outputs[0].TensorType!.ElementType));
        foreach (bool value in new[] { true, false })
        {
            var inputs = new List<(string, ITensor)> { ("x", DenseTensor.FromFloats([0.5f, -1, 2], [3])), ("flag", DenseTensor.FromArray(DataType.Bool, new byte[] { value ? (byte)1 : (byte)0 }, [])) };
            Numerics.AssertClose(Numerics.Run(model, inputs), Numerics.Run(converted, inputs), rtol: 1e-2, atol: 1e-3);
        }
    }

    /// <summary>x·1000·1000 overflows float16 (> 65504) before the division brings it back.</summary>
    private static Model Overflowing()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", 2, 4);
        var up = g.Op("Mul", [g.Op("Mul", [x, g.Floats("k1", [1000f], [])]), g.Floats("k2", [1000f], [])]);
        var down = g.Op("Div", [up, g.Floats("k3", [1e6f], [])]);
        return g.Output(g.Op("Add", [g.Op("Relu", [down]), g.Floats("bias", [0.25f], [])]), DataType.Float, 2, 4).ToModel();
    }

    [Fact]
    public void MixedPrecisionSearchKeepsOnlyTheNodesThatOverflow()
    {
        var model = Overflowing();
        var inputs = new List<IReadOnlyDictionary<string, ITensor>> { new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([0.5f, -1, 2, 3, -4, 1.5f, 0.1f, 7], [2, 4]) } };
        // The reference evaluator computes float16 in float16; ONNX Runtime's CPU provider would compute it in float32.
        var verifier = new ModelVerifier(model, new ReferenceBackend(), inputs, Tolerance.Float16);
        var (full, _) = Convert(model);
        Assert.False(verifier.Verify(full).Passed);

        var outcome = MixedPrecisionSearch.Find(model, new Float16Options(), verifier);
        Assert.True(outcome.FullConversionFailed);
        // The second Mul overflows float16, and the Div must read its float32 result: exactly those two stay.
        var expected = model.Graph.Nodes.Where(n => n.OpType == "Div" || n.Inputs.Any(i => i?.Name == "k2")).Select(Float16Converter.NodeKey);
        Assert.Equal(expected.Order(), outcome.Float32Nodes.Order());

        var (mixed, _) = Convert(model, new Float16Options { NodeBlockList = outcome.Float32Nodes.ToHashSet() });
        Assert.True(verifier.Verify(mixed).Passed);
    }

    [Fact]
    public void AConversionIsVerifiedOnlyWhenEveryBackendAgreesAndTheVerdictNamesThem()
    {
        var model = Overflowing();
        var inputs = new List<IReadOnlyDictionary<string, ITensor>> { new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([0.5f, -1, 2, 3, -4, 1.5f, 0.1f, 7], [2, 4]) } };
        var verifier = new CrossBackendVerifier(model, [new Runtime.OnnxRuntimeBackend(), new ReferenceBackend()], inputs, Tolerance.Float16);
        var (full, _) = Convert(model);
        var failed = verifier.Verify(full);
        Assert.False(failed.Passed, failed.Summary);

        var outcome = MixedPrecisionSearch.Find(model, new Float16Options(), verifier);
        var (mixed, _) = Convert(model, new Float16Options { NodeBlockList = outcome.Float32Nodes.ToHashSet() });
        var passed = verifier.Verify(mixed);
        Assert.True(passed.Passed, passed.Summary);
        Assert.Equal([new Runtime.OnnxRuntimeBackend().Name, "reference"], passed.Backends);
        Assert.Contains("second opinion", passed.Summary);

        // A backend that cannot run the original gives no opinion and is named; the others decide.
        var partial = new CrossBackendVerifier(model, [new RefusingBackend(), new ReferenceBackend()], inputs, Tolerance.Float16).Verify(mixed);
        Assert.True(partial.Passed, partial.Summary);
        Assert.Equal(["reference"], partial.Backends);
        Assert.Contains("refusing", Assert.Single(partial.NotRunOn));
    }

    /// <summary>A backend that runs nothing, as one lacking an operator would.</summary>
    private sealed class RefusingBackend : IBackend
    {
        public string Name => "refusing";

        public IModelBackend Prepare(Model model) => throw new UnsupportedFeatureException("everything", "cannot run this model because it runs nothing");

        public IModelBackend Open(string path) => throw new UnsupportedFeatureException("everything", "cannot run this model because it runs nothing");
    }

    [Fact]
    public void TheNanScanNamesTheFirstOverflowingLayer()
    {
        var (converted, _) = Convert(Overflowing());
        var finding = NanInfScanner.Scan(converted, new ReferenceBackend(),
            new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([0.5f, -1, 2, 3, -4, 1.5f, 0.1f, 7], [2, 4]) });
        Assert.NotNull(finding);
        Assert.Equal("Mul", finding.OpType);
        Assert.Contains("k2", converted.Graph.Nodes.Single(n => Float16Converter.NodeKey(n) == finding.Node).Inputs.Select(i => i!.Name));
        Assert.True(finding.Infinities > 0);
    }
}
