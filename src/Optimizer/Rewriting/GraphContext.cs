using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// One graph being rewritten, with the editing operations rules share: reading constants,
/// adding constants (initializers in graphs, Constant nodes in function bodies, which cannot
/// hold initializers), inserting nodes with fresh names, and replacing a value while keeping
/// the graph's output names.
/// </summary>
public sealed class GraphContext
{
    internal GraphContext(ModelContext model, Graph graph, Function? function, long opset)
    {
        Model = model;
        Graph = graph;
        Function = function;
        Opset = opset;
    }

    /// <summary>The model-wide rewriting state.</summary>
    public ModelContext Model { get; }

    /// <summary>The graph.</summary>
    public Graph Graph { get; }

    /// <summary>The function whose body holds this graph, or null.</summary>
    public Function? Function { get; }

    /// <summary>The ai.onnx opset version governing the graph's nodes.</summary>
    public long Opset { get; }

    /// <summary>
    /// True when new constants must be Constant nodes: in function bodies (which hold no initializers)
    /// and in subgraphs of pre-IR-4 models (whose initializers would have to be graph inputs).
    /// </summary>
    public bool UsesConstantNodes => Function is not null || (Model.InitializersAreInputs && !ReferenceEquals(Graph, Model.Model.Graph));

    /// <summary>True when <paramref name="value"/> is one of this graph's outputs (O(1): the value knows).</summary>
    public bool IsOutput(Value value) => value.IsOutputOf(Graph);

    /// <summary>
    /// The constant held by <paramref name="value"/>: an initializer that is not also a graph input,
    /// or the output of a Constant node with a tensor, float(s) or int(s) value.
    /// </summary>
    public bool TryGetConstant(Value? value, out ITensor tensor)
    {
        tensor = null!;
        if (value is null) return false;
        if (value.ConstValue is { } constant)
        {
            if (Model.IsOverridable(value) || constant.DataType == DataType.Undefined) return false;
            tensor = constant;
            return true;
        }
        if (value.Producer is { OpType: "Constant", IsDefaultDomain: true } producer && ConstantNodes.TryRead(producer) is { } read)
        {
            tensor = read;
            return true;
        }
        return false;
    }

    /// <summary>The constant's elements as doubles, or null when <paramref name="value"/> is not a numeric constant.</summary>
    public double[]? ConstantDoubles(Value? value) =>
        TryGetConstant(value, out var t) && TensorValues.IsRealNumeric(t.DataType) ? t.ToDoubleArray() : null;

    /// <summary>
    /// True when <paramref name="value"/> is a constant whose every element equals <paramref name="scalar"/>.
    /// </summary>
    public bool IsConstantFilledWith(Value? value, double scalar) =>
        ConstantDoubles(value) is { Length: > 0 } values && values.All(v => v == scalar);

    /// <summary>
    /// Adds a constant holding <paramref name="tensor"/>: an initializer, or in a function body a
    /// Constant node placed before <paramref name="before"/>.
    /// </summary>
    public Value AddConstant(ITensor tensor, string nameHint, Node before)
    {
        string name = Model.Names.Fresh(nameHint);
        if (!UsesConstantNodes) return AddInitializer(name, tensor);
        var node = new Node("", "Constant", [], [new Value(name, new TensorType(tensor.DataType, Shape.Of(tensor.Dims.ToArray())))],
            [IrAttribute.Tensor("value", tensor)]);
        Graph.Nodes.InsertBefore(before, node);
        return node.Outputs[0];
    }

    /// <summary>
    /// Replaces the node output <paramref name="old"/> by a constant of the same name holding
    /// <paramref name="tensor"/> (an initializer, or in a function body a Constant node placed before
    /// <paramref name="before"/>). In a graph, <paramref name="old"/> must not be a graph output.
    /// </summary>
    public Value ReplaceWithConstant(Value old, ITensor tensor, Node before)
    {
        if (!UsesConstantNodes && IsOutput(old)) throw new InvalidOperationException($"'{old.Name}' is a graph output; an initializer cannot replace it.");
        string name = old.Name;
        old.Name = Model.Names.Fresh(name + "_folded");
        Value constant;
        if (!UsesConstantNodes) constant = AddInitializer(name, tensor);
        else
        {
            var node = new Node("", "Constant", [], [new Value(name, old.Type)], [IrAttribute.Tensor("value", tensor)]);
            Graph.Nodes.InsertBefore(before, node);
            constant = node.Outputs[0];
        }
        old.ReplaceAllUsesWith(constant, replaceGraphOutputs: true);
        return constant;
    }

    /// <summary>Adds an initializer (listed as a graph input too in pre-IR-4 models, as they require).</summary>
    private Value AddInitializer(string name, ITensor tensor)
    {
        var data = tensor as DenseTensor ?? new DenseTensor(tensor.DataType, tensor.Dims, tensor.GetRawData());
        var value = Graph.AddInitializer(name, data.WithName(name));
        if (Model.InitializersAreInputs) Graph.Inputs.Add(value);
        return value;
    }

    /// <summary>Removes an unused initializer (and its graph-input listing in pre-IR-4 models).</summary>
    public void RemoveInitializer(Value initializer)
    {
        Graph.Initializers.Remove(initializer);
        if (Model.InitializersAreInputs) Graph.Inputs.Remove(initializer);
    }

    /// <summary>Inserts a new ai.onnx node before <paramref name="before"/>, with one output named from <paramref name="outputHint"/>.</summary>
    public Node InsertBefore(Node before, string opType, IEnumerable<Value?> inputs, string outputHint,
        IEnumerable<IrAttribute>? attributes = null, OnnxType? outputType = null, string? nodeName = null)
    {
        var output = new Value(Model.Names.Fresh(outputHint), outputType);
        var node = new Node("", opType, inputs, [output], attributes, nodeName);
        Graph.Nodes.InsertBefore(before, node);
        return node;
    }

    /// <summary>
    /// Points every consumer of <paramref name="old"/> at <paramref name="replacement"/>. When
    /// <paramref name="old"/> is an output of this graph, the output keeps its name: the replacement
    /// takes it over if it is a node output of this graph that is free to be renamed, otherwise an
    /// Identity carries it.
    /// </summary>
    public void Replace(Value old, Value replacement)
    {
        if (ReferenceEquals(old, replacement)) return;
        if (!IsOutput(old))
        {
            old.ReplaceAllUsesWith(replacement, replaceGraphOutputs: true);
            return;
        }
        var positions = Enumerable.Range(0, Graph.Outputs.Count).Where(i => ReferenceEquals(Graph.Outputs[i], old)).ToList();
        string name = old.Name;
        var type = old.Type;
        old.Name = Model.Names.Fresh(name + "_replaced");
        bool rename = CanRename(replacement);
        if (rename)
        {
            replacement.Name = name;
            replacement.Type = type ?? replacement.Type;
        }
        old.ReplaceAllUsesWith(replacement, replaceGraphOutputs: true);
        if (rename) return;
        var carrier = new Node("", "Identity", [replacement], [new Value(name, type)]);
        Graph.Nodes.Add(carrier);
        foreach (int i in positions) Graph.Outputs[i] = carrier.Outputs[0];
    }

    /// <summary>
    /// True when replacing <paramref name="old"/> with <paramref name="replacement"/> needs no Identity
    /// to keep an output name (so removing a no-op really removes a node).
    /// </summary>
    public bool CanReplaceWithoutCopy(Value old, Value replacement) =>
        !IsOutput(old) || (CanRename(replacement) && Graph.Outputs.Count(v => ReferenceEquals(v, old)) == 1);

    /// <summary>
    /// Removes those of the given nodes none of whose outputs is used any more or is an output of any graph,
    /// repeating until none is left to remove (so a matched pattern can be passed in any order).
    /// </summary>
    public void RemoveIfUnused(params Node[] nodes)
    {
        bool removed = true;
        while (removed)
        {
            removed = false;
            foreach (var node in nodes)
            {
                if (node.Graph != Graph || !node.Outputs.All(o => o.Uses.Count == 0 && !o.IsGraphOutput)) continue;
                Graph.Nodes.Remove(node);
                removed = true;
            }
        }
    }

    /// <summary>True when every use of <paramref name="value"/> is by one of <paramref name="nodes"/> and it is not a graph output.</summary>
    public bool IsOnlyUsedBy(Value value, params Node[] nodes) =>
        !IsOutput(value) && value.Uses.All(u => nodes.Contains(u.Node));

    private bool CanRename(Value value) =>
        value.Producer is { } producer && producer.Graph == Graph && !IsOutput(value) && value.ConstValue is null;
}
