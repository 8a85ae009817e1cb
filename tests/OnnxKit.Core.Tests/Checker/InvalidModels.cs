using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;
using static OnnxKit.Checker.ProblemCodes;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.Checker;

/// <summary>
/// Hand-built invalid models, one defect each (except <c>several-problems</c>), with the errors the checker
/// must report. Public so a throwaway program can export them for comparison with ONNX's own checker.
/// </summary>
public static class InvalidModels
{
    public static IReadOnlyList<CheckerCase> All { get; } =
    [
        new("undefined-input", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Add", [g.Input("x", 2), new Value("missing")]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(UndefinedInput, "graph.node[0](Add)")]),

        new("use-before-definition", () =>
        {
            var g = new GraphBuilder(13, "g");
            var late = new Node("", "Relu", [g.Input("x", 2)], ["late"]);
            g.Output(g.Op("Neg", [late.Outputs[0]]), DataType.Float, 2);
            g.Graph.Nodes.Add(late);
            return g.ToModel(7);
        }, [(UseBeforeDefinition, "graph.node[0](Neg)")]),

        new("cycle", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            var b = new Value("b");
            var first = g.AddNode("Relu", [b], outputNames: ["a"]);
            g.Graph.Nodes.Add(new Node("", "Add", [first.Outputs[0], x], [b]));
            g.Output(b, DataType.Float, 2);
            return g.ToModel(7);
        }, [(UseBeforeDefinition, "graph.node[0](Relu)"), (Cycle, "graph")]),

        new("duplicate-output-name", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            var y = g.AddNode("Relu", [x], outputNames: ["y"]).Outputs[0];
            g.AddNode("Neg", [x], outputNames: ["y"]);
            g.Output(y, DataType.Float, 2);
            return g.ToModel(7);
        }, [(DuplicateName, "graph.node[1](Neg)")]),

        new("duplicate-graph-input", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            g.Input("x", 2);
            g.Output(g.Op("Relu", [x]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(DuplicateName, "graph.input[1]('x')")]),

        new("missing-required-attribute", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            g.Output(g.Op("Concat", [x, x]), DataType.Float, 4);
            return g.ToModel(7);
        }, [(RequiredAttributeMissing, "graph.node[0](Concat)")]),

        new("wrong-attribute-type", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            g.Output(g.AddNode("Concat", [x, x], attributes: [IrAttribute.Float("axis", 0)]).Outputs[0], DataType.Float, 4);
            return g.ToModel(7);
        }, [(AttributeTypeMismatch, "graph.node[0](Concat).attribute['axis']")]),

        new("unknown-attribute", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.AddNode("Relu", [g.Input("x", 2)], attributes: [IrAttribute.Float("alpha", 0.1f)]).Outputs[0], DataType.Float, 2);
            return g.ToModel(7);
        }, [(UnknownAttribute, "graph.node[0](Relu).attribute['alpha']")]),

        new("too-many-inputs", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            g.Output(g.Op("Relu", [x, x]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(TooManyInputs, "graph.node[0](Relu)")]),

        new("required-input-empty", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Add", [g.Input("x", 2), null]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(RequiredIoMissing, "graph.node[0](Add)")]),

        new("op-unknown-at-opset", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            g.Output(g.Op("LayerNormalization", [x, g.Input("scale", 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(UnknownOp, "graph.node[0](LayerNormalization)")]),

        new("op-unknown-in-domain", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Frobnicate", [g.Input("x", 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(UnknownOp, "graph.node[0](Frobnicate)")]),

        new("deprecated-op", () =>
        {
            var g = new GraphBuilder(10, "g");
            var x = g.Input("x", 2);
            g.Output(g.Op("Upsample", [x, g.Input("scales", 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(DeprecatedOp, "graph.node[0](Upsample)")]),

        new("domain-not-imported", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.AddNode("Normalizer", [g.Input("x", 2)], domain: "ai.onnx.ml").Outputs[0], DataType.Float, 2);
            return g.ToModel(7);
        }, [(DomainNotImported, "opset_import")]),

        new("duplicate-opset-import", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Relu", [g.Input("x", 2)]), DataType.Float, 2);
            return g.ToModel(7, new OpsetImport("", 13));
        }, [(DuplicateOpsetImport, "opset_import[1]")]),

        new("untyped-graph-input", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = new Value("x");
            g.Graph.Inputs.Add(x);
            g.Output(g.Op("Relu", [x]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(TypeMissing, "graph.input[0]('x')")]),

        new("output-without-shape", () =>
        {
            var g = new GraphBuilder(13, "g");
            var y = g.Op("Relu", [g.Input("x", 2)]);
            y.Type = new TensorType(DataType.Float);
            g.Output(y, DataType.Float, 2);
            return g.ToModel(7);
        }, [(TypeIncomplete, "graph.output[0]('relu')")]),

        new("type-conflict", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Add", [g.Input("x", 2), g.Input("i", DataType.Int64, 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(TypeConflict, "graph.node[0](Add)")]),

        new("type-not-allowed", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Relu", [g.Input("s", DataType.String, 2)]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(TypeNotAllowed, "graph.node[0](Relu)")]),

        new("declared-type-mismatch", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Relu", [g.Input("x", 2)]), DataType.Int64, 2);
            return g.ToModel(7);
        }, [(DeclaredTypeMismatch, "graph.node[0](Relu)")]),

        new("initializer-raw-data-too-short", () =>
        {
            var g = new GraphBuilder(13, "g");
            var w = new Value("w") { ConstValue = RawTensor("w", DataType.Float, [2, 2], 8) };
            g.Graph.Initializers.Add(w);
            g.Output(g.Op("Add", [g.Input("x", 2, 2), w]), DataType.Float, 2, 2);
            return g.ToModel(7);
        }, [(TensorData, "graph.initializer[0]('w')")]),

        new("initializer-not-input-ir3", () =>
        {
            var g = new GraphBuilder(8, "g");
            var w = g.Graph.AddInitializer("w", DenseTensor.FromFloats([1, 2], [2], "w"));
            g.Output(g.Op("Add", [g.Input("x", 2), w]), DataType.Float, 2);
            return g.ToModel(3);
        }, [(InitializerNotInput, "graph.initializer[0]('w')")]),

        new("initializer-type-mismatch", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            var w = g.Input("w", DataType.Int64, 2);
            w.ConstValue = DenseTensor.FromFloats([1, 2], [2], "w");
            g.Graph.Initializers.Add(w);
            g.Output(g.Op("Add", [x, w]), DataType.Float, 2);
            return g.ToModel(7);
        }, [(InitializerTypeMismatch, "graph.initializer[0]('w')")]),

        new("sparse-index-out-of-range", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Graph.SparseInitializers.Add(new SparseTensor(
                DenseTensor.FromFloats([1, 2], [2], "s"), DenseTensor.FromInt64s([1, 7], [2]), [4]));
            g.Output(g.Op("Add", [g.Input("x", 4), new Value("s")]), DataType.Float, 4);
            return g.ToModel(7);
        }, [(SparseTensorData, "graph.sparse_initializer[0]('s')")]),

        new("undefined-graph-output", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.Op("Relu", [g.Input("x", 2)]), DataType.Float, 2);
            g.Output(new Value("ghost"), DataType.Float, 2);
            return g.ToModel(7);
        }, [(UndefinedOutput, "graph.output[1]('ghost')")]),

        new("subgraph-shadows-outer-name", () =>
        {
            var g = new GraphBuilder(13, "g");
            var cond = g.Input("cond", DataType.Bool, 1);
            var x = g.Input("x", 2);
            var then = Branch("then", b => b.AddNode("Relu", [x], outputNames: ["x"]).Outputs[0]);
            var otherwise = Branch("else", b => b.Op("Neg", [x]));
            g.Output(If(g, cond, then, otherwise), DataType.Float, 2);
            return g.ToModel(7);
        }, [(ShadowedName, "graph.node[0](If).attribute['then_branch'].node[0](Relu)")]),

        new("subgraph-reads-later-outer-value", () =>
        {
            var g = new GraphBuilder(13, "g");
            var cond = g.Input("cond", DataType.Bool, 1);
            var x = g.Input("x", 2);
            var late = new Node("", "Relu", [x], ["late"]);
            var then = Branch("then", b => b.Op("Identity", [late.Outputs[0]]));
            var otherwise = Branch("else", b => b.Op("Identity", [x]));
            g.Output(If(g, cond, then, otherwise), DataType.Float, 2);
            g.Graph.Nodes.Add(late);
            return g.ToModel(7);
        }, [(UseBeforeDefinition, "graph.node[0](If).attribute['then_branch'].node[0](Identity)")]),

        new("subgraph-reads-sibling-value", () =>
        {
            var g = new GraphBuilder(13, "g");
            var cond = g.Input("cond", DataType.Bool, 1);
            var x = g.Input("x", 2);
            Value? inThen = null;
            var then = Branch("then", b => inThen = b.Op("Relu", [x]));
            var otherwise = Branch("else", b => b.Op("Identity", [inThen!]));
            g.Output(If(g, cond, then, otherwise), DataType.Float, 2);
            return g.ToModel(7);
        }, [(OutOfScope, "graph.node[0](If).attribute['else_branch'].node[0](Identity)")]),

        new("subgraph-output-is-outer-value", () =>
        {
            var g = new GraphBuilder(13, "g");
            var cond = g.Input("cond", DataType.Bool, 1);
            var x = g.Input("x", 2);
            var then = Branch("then", _ => x);
            var otherwise = Branch("else", b => b.Op("Neg", [x]));
            g.Output(If(g, cond, then, otherwise), DataType.Float, 2);
            return g.ToModel(7);
        }, [(OuterValueAsOutput, "graph.node[0](If).attribute['then_branch'].output[0]('x')")]),

        new("if-branch-output-count", () =>
        {
            var g = new GraphBuilder(13, "g");
            var cond = g.Input("cond", DataType.Bool, 1);
            var x = g.Input("x", 2);
            var then = Branch("then", b => b.Op("Relu", [x]));
            then.Outputs.Add(then.Nodes.First!.Outputs[0]);
            var otherwise = Branch("else", b => b.Op("Neg", [x]));
            g.Output(If(g, cond, then, otherwise), DataType.Float, 2);
            return g.ToModel(7);
        }, [(SubgraphArity, "graph.node[0](If).attribute['then_branch']")]),

        new("loop-body-input-count", () =>
        {
            var g = new GraphBuilder(13, "g");
            var count = g.Input("m", DataType.Int64, 1);
            var cond = g.Input("cond", DataType.Bool, 1);
            var x = g.Input("x", 2);
            var body = new GraphBuilder(13, "body");
            body.Input("i", DataType.Int64, 1);
            var keepGoing = body.Op("Identity", [body.Input("c", DataType.Bool, 1)]);
            var carried = body.Op("Identity", [x]);
            body.Graph.Outputs.Add(keepGoing);
            body.Graph.Outputs.Add(carried);
            g.Output(g.AddNode("Loop", [count, cond, x], outputNames: ["y"], attributes: [IrAttribute.Graph("body", body.Graph)]).Outputs[0], DataType.Float, 2);
            return g.ToModel(7);
        }, [(SubgraphArity, "graph.node[0](Loop).attribute['body']")]),

        new("ref-attribute-outside-function", () =>
        {
            var g = new GraphBuilder(13, "g");
            g.Output(g.AddNode("LeakyRelu", [g.Input("x", 2)], attributes: [IrAttribute.Reference("alpha", AttributeType.Float, "slope")]).Outputs[0], DataType.Float, 2);
            return g.ToModel(7);
        }, [(BadAttributeReference, "graph.node[0](LeakyRelu).attribute['alpha']")]),

        new("function-body-undefined-input", () =>
        {
            var body = new Graph();
            var a = new Value("a");
            body.Inputs.Add(a);
            var add = new Node("", "Add", [a, new Value("nope")], ["b"]);
            body.Nodes.Add(add);
            body.Outputs.Add(add.Outputs[0]);
            return ModelCalling(new Function("local", "AddNope", body, [new OpsetImport("", 13)]));
        }, [(UndefinedInput, "functions[0].node[0](Add)")]),

        new("function-opset-incompatible", () =>
        {
            var body = new Graph();
            var a = new Value("a");
            body.Inputs.Add(a);
            var relu = new Node("", "Relu", [a], ["b"]);
            body.Nodes.Add(relu);
            body.Outputs.Add(relu.Outputs[0]);
            return ModelCalling(new Function("local", "MyRelu", body, [new OpsetImport("", 12)]));
        }, [(FunctionOpsetIncompatible, "functions[0].node[0](Relu)")]),

        new("recursive-functions", () =>
        {
            Function Calling(string name, string callee)
            {
                var body = new Graph();
                var a = new Value("a");
                body.Inputs.Add(a);
                var call = new Node("local", callee, [a], ["b"]);
                body.Nodes.Add(call);
                body.Outputs.Add(call.Outputs[0]);
                return new Function("local", name, body, [new OpsetImport("", 13), new OpsetImport("local", 1)]);
            }
            var model = ModelCalling(Calling("Ping", "Pong"));
            model.Functions.Add(Calling("Pong", "Ping"));
            return model;
        }, [(RecursiveFunction, "functions[0]")]),

        new("function-call-too-many-inputs", () =>
        {
            var model = ModelCalling(Doubling());
            var call = model.Graph.Nodes.First!;
            call.AppendInput(model.Graph.Inputs[0]);
            return model;
        }, [(TooManyInputs, "graph.node[0](Double)")]),

        new("duplicate-function", () =>
        {
            var model = ModelCalling(Doubling());
            model.Functions.Add(Doubling());
            return model;
        }, [(DuplicateFunction, "functions[1]")]),

        new("functions-need-ir8", () =>
        {
            var model = ModelCalling(Doubling());
            model.IrVersion = 7;
            return model;
        }, [(IrVersionTooOld, "functions")]),

        new("several-problems", () =>
        {
            var g = new GraphBuilder(13, "g");
            var x = g.Input("x", 2);
            var cond = g.Input("cond", DataType.Bool, 1);
            var a = g.Op("Add", [x, new Value("missing")]);
            var b = g.AddNode("Relu", [a], attributes: [IrAttribute.Int("alpha", 1)], name: "act").Outputs[0];
            var then = Branch("then", t => t.Op("LayerNormalization", [b, b]));
            var otherwise = Branch("else", e => e.Op("Identity", [b]));
            g.Output(If(g, cond, then, otherwise), DataType.Float, 2);
            return g.ToModel(7);
        }, [
            (UndefinedInput, "graph.node[0](Add)"),
            (UnknownAttribute, "graph.node[1]('act').attribute['alpha']"),
            (UnknownOp, "graph.node[2](If).attribute['then_branch'].node[0](LayerNormalization)"),
        ]),
    ];

    /// <summary>A graph for an If branch: <paramref name="body"/> adds nodes and returns the value to output.</summary>
    public static Graph Branch(string name, Func<GraphBuilder, Value> body)
    {
        var branch = new GraphBuilder(13, name);
        var output = body(branch);
        branch.Output(output, DataType.Float, 2);
        return branch.Graph;
    }

    /// <summary>Adds an If node over two branches to <paramref name="g"/>; returns its output.</summary>
    public static Value If(GraphBuilder g, Value cond, Graph then, Graph otherwise) =>
        g.AddNode("If", [cond], outputNames: ["y"], attributes: [IrAttribute.Graph("then_branch", then), IrAttribute.Graph("else_branch", otherwise)]).Outputs[0];

    /// <summary>An IR version 8 model whose main graph calls <paramref name="function"/> (domain "local") once on a float input.</summary>
    public static Model ModelCalling(Function function)
    {
        var g = new GraphBuilder(13, "g");
        g.Output(g.AddNode(function.Name, [g.Input("x", 2)], domain: function.Domain).Outputs[0], DataType.Float, 2);
        var model = g.ToModel(8, new OpsetImport(function.Domain, 1));
        model.Functions.Add(function);
        return model;
    }

    /// <summary>A function local.Double(a) = a + a.</summary>
    public static Function Doubling()
    {
        var body = new Graph();
        var a = new Value("a");
        body.Inputs.Add(a);
        var add = new Node("", "Add", [a, a], ["b"]);
        body.Nodes.Add(add);
        body.Outputs.Add(add.Outputs[0]);
        return new Function("local", "Double", body, [new OpsetImport("", 13)]);
    }

    /// <summary>A tensor as if read from a file whose raw_data has <paramref name="byteCount"/> bytes, whatever its dims need.</summary>
    private static ITensor RawTensor(string name, DataType type, long[] dims, int byteCount)
    {
        var proto = new TensorProto { Name = name, DataType = (int)type, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[byteCount]) };
        proto.Dims.AddRange(dims);
        return new ProtoTensor(proto, null, name);
    }
}
