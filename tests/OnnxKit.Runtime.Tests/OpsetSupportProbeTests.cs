using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Runtime.Tests;

/// <summary>
/// Repeats, on the ONNX Runtime package this build references, the probe that set
/// <see cref="OpsetSupport"/>'s bounds: a one-node <c>Add</c> model loads and runs at the
/// bounds and is refused just past them. A runtime upgrade that moves a bound fails here.
/// </summary>
public sealed class OpsetSupportProbeTests
{
    private static Model AddModel(int opset, int irVersion, int? mlOpset = null)
    {
        var graph = new Graph("probe");
        var a = new Value("a", new TensorType(DataType.Float, Shape.Of(3)));
        var b = new Value("b", new TensorType(DataType.Float, Shape.Of(3)));
        graph.Inputs.AddRange([a, b]);
        var add = new Node("", "Add", [a, b], ["y"]);
        add.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(3));
        graph.Nodes.Add(add);
        graph.Outputs.Add(add.Outputs[0]);
        var imports = new List<OpsetImport> { new("", opset) };
        if (mlOpset is int ml) imports.Add(new OpsetImport("ai.onnx.ml", ml));
        return new Model(graph, irVersion, imports) { ProducerName = "onnxkit-tests" };
    }

    private static float[] Run(Model model)
    {
        using var session = OnnxSession.FromModel(model);
        var outputs = session.Run(new Dictionary<string, ITensor>
        {
            ["a"] = DenseTensor.FromFloats([1f, 2f, 3f], [3]),
            ["b"] = DenseTensor.FromFloats([10f, 20f, 30f], [3]),
        });
        return outputs["y"].ToArray<float>();
    }

    [Fact]
    public void The_newest_supported_opset_ir_version_and_ml_opset_load_and_run()
    {
        Assert.Equal([11f, 22f, 33f], Run(AddModel(OpsetSupport.MaxOpset, OpsetSupport.MinIrVersionForOpset(OpsetSupport.MaxOpset))));
        Assert.Equal([11f, 22f, 33f], Run(AddModel(OpsetSupport.MinOpset, OpsetSupport.MaxIrVersion, OpsetSupport.MaxMlOpset)));
    }

    [Fact]
    public void One_past_each_bound_is_refused()
    {
        Assert.ThrowsAny<OnnxKitException>(() => Run(AddModel(OpsetSupport.MaxOpset + 1, OpsetSupport.MaxIrVersion)));
        Assert.ThrowsAny<OnnxKitException>(() => Run(AddModel(OpsetSupport.MaxOpset, OpsetSupport.MaxIrVersion + 1)));
        Assert.ThrowsAny<OnnxKitException>(() => Run(AddModel(OpsetSupport.MaxOpset, OpsetSupport.MaxIrVersion, OpsetSupport.MaxMlOpset + 1)));
        Assert.ThrowsAny<OnnxKitException>(() => Run(AddModel(OpsetSupport.MinOpset - 1, OpsetSupport.MinIrVersionForOpset(OpsetSupport.MinOpset - 1))));
    }
}
