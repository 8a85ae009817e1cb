using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using static OnnxKit.Checker.ProblemCodes;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.Checker;

/// <summary>
/// Hand-built valid models at the edges of the rules (outer-scope reads, function calls, custom domains, ...),
/// with the warnings they must draw; none may draw an error.
/// </summary>
public static class ValidModels
{
    public static IReadOnlyList<CheckerCase> All { get; } =
    [
        new("subgraph-reads-earlier-outer-value", () =>
        {
            var g = new GraphBuilder(13, "g");
            var cond = g.Input("cond", DataType.Bool, 1);
            var early = g.Op("Relu", [g.Input("x", 2)]);
            var then = InvalidModels.Branch("then", b => b.Op("Identity", [early]));
            var otherwise = InvalidModels.Branch("else", b => b.Op("Neg", [early]));
            g.Output(InvalidModels.If(g, cond, then, otherwise), DataType.Float, 2);
            return g.ToModel(7);
        }, []),

        new("initializers-listed-as-inputs-ir3", () =>
        {
            var g = new GraphBuilder(8, "g");
            var x = g.Input("x", 2);
            var w = g.Input("w", 2);
            w.ConstValue = DenseTensor.FromFloats([1, 2], [2], "w");
            g.Graph.Initializers.Add(w);
            g.Output(g.Op("Add", [x, w]), DataType.Float, 2);
            return g.ToModel(3);
        }, []),

        // ONNX's own light AlexNet, ResNet-50, SqueezeNet, ... are opset 9 with IR 3: onnx's full checker and
        // ONNX Runtime accept them; the checker warns, naming the IR version opset 9 goes with.
        new("opset9-with-ir3", () =>
        {
            var g = new GraphBuilder(9, "g");
            var x = g.Input("x", 2);
            var slope = g.Input("slope", 2);
            slope.ConstValue = DenseTensor.FromFloats([0.25f, 0.5f], [2], "slope");
            g.Graph.Initializers.Add(slope);
            g.Output(g.Op("PRelu", [g.Op("Relu", [x]), slope]), DataType.Float, 2);
            return g.ToModel(3);
        }, [], [(IrVersionOlderThanOpset, "opset_import[0]")]),

        new("opset15-with-ir7", () =>
        {
            var g = new GraphBuilder(15, "g");
            g.Output(g.Op("Relu", [g.Input("x", 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [], [(IrVersionOlderThanOpset, "opset_import[0]")]),

        new("optional-inputs-omitted", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            var max = g.Graph.AddInitializer("max", DenseTensor.FromFloats([6], [], "max"));
            g.Output(g.Op("Clip", [x, null, max]), DataType.Float, 2);
            return g.ToModel(7);
        }, []),

        new("function-call", () => InvalidModels.ModelCalling(InvalidModels.Doubling()), []),

        new("function-with-attribute-reference", () =>
        {
            var body = new Graph();
            var a = new Value("a");
            body.Inputs.Add(a);
            var leaky = new Node("", "LeakyRelu", [a], ["b"], [IrAttribute.Reference("alpha", AttributeType.Float, "slope")]);
            body.Nodes.Add(leaky);
            body.Outputs.Add(leaky.Outputs[0]);
            var function = new Function("local", "Leaky", body, [new OpsetImport("", 13)]);
            function.AttributeNames.Add("slope");
            var model = InvalidModels.ModelCalling(function);
            model.Graph.Nodes.First!.Attributes.Set(IrAttribute.Float("slope", 0.2f));
            return model;
        }, []),

        new("custom-domain-op", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.AddNode("Frobnicate", [g.Input("x", 2)], domain: "com.example").Outputs[0], DataType.Float, 2);
            return g.ToModel(7, new OpsetImport("com.example", 1));
        }, [], [(UnverifiedOp, "graph.node[0](Frobnicate)")]),

        new("layer-normalization-unchecked-attribute", () =>
        {
            var g = new GraphBuilder(17, "g");
            var x = g.Input("x", 2);
            g.Output(g.AddNode("LayerNormalization", [x, g.Input("scale", 2)], attributes: [IrAttribute.Int("extra", 1)]).Outputs[0], DataType.Float, 2);
            return g.ToModel(8);
        }, []),

        new("repeated-node-names", () =>
        {
            var g = new GraphBuilder(13, "g");
            var a = g.AddNode("Relu", [g.Input("x", 2)], name: "same").Outputs[0];
            g.Output(g.AddNode("Neg", [a], name: "same").Outputs[0], DataType.Float, 2);
            return g.ToModel(7);
        }, [], [(DuplicateNodeName, "graph.node[1]('same')")]),

        new("unnamed-graph", () =>
        {
            var g = new GraphBuilder(13, graphName: null);
            g.Output(g.Op("Relu", [g.Input("x", 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [], [(GraphNameMissing, "graph")]),

        new("sparse-initializer", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Graph.SparseInitializers.Add(new SparseTensor(
                DenseTensor.FromFloats([1, 2], [2], "s"), DenseTensor.FromInt64s([1, 3], [2]), [4]));
            g.Output(g.Op("Add", [g.Input("x", 4), new Value("s")]), DataType.Float, 4);
            return g.ToModel(7);
        }, []),
    ];
}
