using Google.Protobuf;
using OnnxKit.Checker;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;
using static OnnxKit.Checker.ProblemCodes;

namespace OnnxKit.Tests.Checker;

/// <summary>
/// Defects that only a file can carry (the IR's constructors prevent them), written as protobuf and loaded
/// the way a user's model is.
/// </summary>
public sealed class FileDefectTests
{
    [Fact]
    public void DuplicateAttributeIsReported()
    {
        var model = Model(g => g.Node.Add(Node("LeakyRelu", ["x"], ["y"], Float("alpha", 0.1f), Float("alpha", 0.2f))));

        AssertErrors(model, (DuplicateAttribute, "graph.node[0](LeakyRelu).attribute['alpha']"));
    }

    [Fact]
    public void DuplicateAttributeAmongManyIsReportedOnce()
    {
        var extra = Enumerable.Range(0, 9).Select(i => Float($"extra{i}", i)).ToArray();
        var model = Model(g => g.Node.Add(Node("LeakyRelu", ["x"], ["y"], [Float("alpha", 0.1f), .. extra, Float("alpha", 0.2f)])));

        AssertErrors(model, [(DuplicateAttribute, "graph.node[0](LeakyRelu).attribute['alpha']"),
            .. extra.Select(a => (UnknownAttribute, $"graph.node[0](LeakyRelu).attribute['{a.Name}']"))]);
    }

    [Fact]
    public void AttributeWithATypeButNoValueIsReported()
    {
        var model = Model(g => g.Node.Add(Node("Constant", [], ["y"], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor })));

        AssertErrors(model, (AttributeMalformed, "graph.node[0](Constant).attribute['value']"));
    }

    [Fact]
    public void TensorWithDataInTwoFieldsIsReported()
    {
        var model = Model(g =>
        {
            var w = FloatTensor("w", 1, 2);
            w.RawData = ByteString.CopyFrom(new byte[8]);
            g.Initializer.Add(w);
            g.Node.Add(Node("Add", ["x", "w"], ["y"]));
        });

        AssertErrors(model, (TensorData, "graph.initializer[0]('w')"));
    }

    [Fact]
    public void TensorWithoutElementTypeIsReported()
    {
        var model = Model(g =>
        {
            g.Initializer.Add(new TensorProto { Name = "w", Dims = { 2 }, FloatData = { 1, 2 } });
            g.Node.Add(Node("Add", ["x", "w"], ["y"]));
        });

        AssertErrors(model, (TensorData, "graph.initializer[0]('w')"));
    }

    [Fact]
    public void DuplicateInitializerIsReported()
    {
        var model = Model(g =>
        {
            g.Initializer.Add(FloatTensor("w", 1, 2));
            g.Initializer.Add(FloatTensor("w", 3, 4));
            g.Node.Add(Node("Add", ["x", "w"], ["y"]));
        });

        AssertErrors(model, (DuplicateName, "graph.initializer[1]('w')"));
    }

    [Fact]
    public void NodeOutputReusingAnInitializerNameIsReported()
    {
        var model = Model(g =>
        {
            g.Initializer.Add(FloatTensor("w", 1, 2));
            g.Node.Add(Node("Relu", ["x"], ["w"]));
            g.Node.Add(Node("Add", ["x", "w"], ["y"]));
        });

        AssertErrors(model, (DuplicateName, "graph.node[0](Relu)"));
    }

    [Fact]
    public void NodeWithoutOpTypeOrIoIsReported()
    {
        var model = Model(g =>
        {
            g.Node.Add(new NodeProto { OpType = "" , Input = { "x" }, Output = { "z" } });
            g.Node.Add(new NodeProto { OpType = "Relu", Name = "idle" });
            g.Node.Add(Node("Relu", ["x"], ["y"]));
        });

        AssertErrors(model,
            (OpTypeMissing, "graph.node[0]()"),
            (NodeWithoutIo, "graph.node[1]('idle')"),
            (TooFewInputs, "graph.node[1]('idle')"),
            (TooFewOutputs, "graph.node[1]('idle')"));
    }

    [Fact]
    public void UndefinedElementTypeCodeIsReported()
    {
        var model = Model(g =>
        {
            g.Input[0].Type.TensorType.ElemType = 99;
            g.Node.Add(Node("Relu", ["x"], ["y"]));
        });

        AssertErrors(model, (ElementTypeUnknown, "graph.input[0]('x')"));
    }

    [Fact]
    public void MissingIrVersionIsReported()
    {
        var model = Model(g => g.Node.Add(Node("Relu", ["x"], ["y"])));
        model.ClearIrVersion();

        AssertErrors(model, (IrVersionMissing, "model"));
    }

    [Fact]
    public void IrVersionNewerThanKnownIsReported()
    {
        var model = Model(g => g.Node.Add(Node("Relu", ["x"], ["y"])));
        model.IrVersion = 99;

        AssertErrors(model, (IrVersionUnknown, "model"));
    }

    [Fact]
    public void OpsetNewerThanKnownIsReported()
    {
        var model = Model(g => g.Node.Add(Node("Relu", ["x"], ["y"])));
        model.OpsetImport[0].Version = 99;

        AssertErrors(model, (OpsetUnknown, "opset_import[0]"));
    }

    [Fact]
    public void ModelWithoutOpsetImportsIsReportedOnceForTheMissingDomain()
    {
        var model = Model(g =>
        {
            g.Node.Add(Node("Relu", ["x"], ["r"]));
            g.Node.Add(Node("Neg", ["r"], ["y"]));
        });
        model.OpsetImport.Clear();

        AssertErrors(model, (OpsetImportMissing, "model"), (DomainNotImported, "opset_import"));
    }

    [Fact]
    public void DuplicateModelMetadataKeyIsAnError()
    {
        var model = Model(g => g.Node.Add(Node("Relu", ["x"], ["y"])));
        model.MetadataProps.Add(new StringStringEntryProto { Key = "author", Value = "a" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "author", Value = "b" });

        AssertErrors(model, (DuplicateMetadataKey, "model"));
    }

    [Fact]
    public void ValueInfoForAnUnknownValueIsAWarning()
    {
        var model = Model(g =>
        {
            g.Node.Add(Node("Relu", ["x"], ["y"]));
            g.ValueInfo.Add(FloatInfo("nowhere"));
        });

        var report = Check(model);

        Assert.True(report.IsValid, report.ToString());
        Assert.Contains(report.Problems, p => p is { Severity: CheckSeverity.Warning, Code: StrayValueInfo, Location: "graph.value_info[0]('nowhere')" });
    }

    /// <summary>A model with a float input "x" and output "y"; <paramref name="fill"/> adds the nodes.</summary>
    private static ModelProto Model(Action<GraphProto> fill)
    {
        var graph = new GraphProto { Name = "g" };
        graph.Input.Add(FloatInfo("x"));
        graph.Output.Add(FloatInfo("y"));
        fill(graph);
        var model = new ModelProto { IrVersion = 7, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    private static ValueInfoProto FloatInfo(string name) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 2 } } } } },
    };

    private static TensorProto FloatTensor(string name, params float[] values) =>
        new() { Name = name, DataType = (int)TensorProto.Types.DataType.Float, Dims = { values.Length }, FloatData = { values } };

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes) =>
        new() { OpType = op, Input = { inputs }, Output = { outputs }, Attribute = { attributes } };

    private static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static CheckReport Check(ModelProto model) => ModelChecker.Check(OnnxFile.Load(model.ToByteArray()));

    private static void AssertErrors(ModelProto model, params (string Code, string Location)[] expected)
    {
        var report = Check(model);
        var errors = report.Problems.Where(p => p.Severity == CheckSeverity.Error).Select(p => (p.Code, p.Location)).Order().ToList();
        Assert.True(expected.Order().SequenceEqual(errors), $"expected [{string.Join(", ", expected)}], got:\n{report}");
    }
}
