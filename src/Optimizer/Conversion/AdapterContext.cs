using OnnxKit.Ir;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Schemas;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// What an adapter sees while it moves one node across one opset boundary: the node, its graph, the
/// operator's schemas on both sides, the model's inferred types, and helpers to refuse, to read constant
/// inputs and to replace the node.
/// </summary>
public sealed class AdapterContext
{
    private readonly TypeFacts facts;
    private readonly List<ConversionBuilder> builders = [];

    internal AdapterContext(GraphContext graph, Node node, ConversionDirection direction, int boundary, long fromOpset,
        OpSchema? older, OpSchema? newer, TypeFacts facts, ConvertOptions options)
    {
        Graph = graph;
        Node = node;
        Direction = direction;
        Boundary = boundary;
        FromOpset = fromOpset;
        Older = older;
        Newer = newer;
        this.facts = facts;
        Options = options;
        NodeLabel = Label(node);
    }

    /// <summary>The graph the node is in.</summary>
    public GraphContext Graph { get; }

    /// <summary>The node being converted.</summary>
    public Node Node { get; }

    /// <summary>The node's name, or its first output's name, quoted, as messages show it.</summary>
    public string NodeLabel { get; }

    /// <summary>Which way the node crosses <see cref="Boundary"/>.</summary>
    public ConversionDirection Direction { get; }

    /// <summary>The opset where the operator changed.</summary>
    public int Boundary { get; }

    /// <summary>The opset the node is written for now.</summary>
    public long FromOpset { get; }

    /// <summary>The opset the node is written for after this step: <see cref="Boundary"/> going up, one below it going down.</summary>
    public long ToOpset => Direction == ConversionDirection.Up ? Boundary : Boundary - 1;

    /// <summary>The operator's schema just below <see cref="Boundary"/>; null when the operator first appears there.</summary>
    public OpSchema? Older { get; }

    /// <summary>The operator's schema at <see cref="Boundary"/>.</summary>
    public OpSchema? Newer { get; }

    /// <summary>The conversion's options.</summary>
    public ConvertOptions Options { get; }

    /// <summary>What the step did, for the report; adapters that change the node set it.</summary>
    public string? Change { get; set; }

    /// <summary>Notes for the user (approximations accepted).</summary>
    internal List<string> Notes { get; } = [];

    /// <summary>The nodes the step created, with the opset they are written for.</summary>
    internal IEnumerable<Node> CreatedNodes => builders.SelectMany(b => b.Nodes);

    /// <summary>The error to throw when the node has no exact equivalent on the other side.</summary>
    public ConversionException Refuse(string reason) => new(NodeLabel, Node.OpType, FromOpset, ToOpset, reason);

    /// <summary>A builder writing nodes for <see cref="ToOpset"/> right before the node.</summary>
    public ConversionBuilder Builder()
    {
        var builder = new ConversionBuilder(Graph, Node, ToOpset);
        builders.Add(builder);
        return builder;
    }

    /// <summary>Records an approximation the user allowed with <see cref="ConvertOptions.AllowApproximate"/>, or refuses without it.</summary>
    public void Approximate(string what)
    {
        if (!Options.AllowApproximate) throw Refuse($"{what} (--allow-approximate accepts this)");
        Notes.Add($"{Node.OpType} node {NodeLabel}: {what}");
    }

    /// <summary>The rank of <paramref name="value"/> when known.</summary>
    public int? RankOf(Value? value) => facts.RankOf(value);

    /// <summary>The shape of <paramref name="value"/> when at least its rank is known.</summary>
    public Shape? ShapeOf(Value? value) => facts.TypeOf(value)?.Shape;

    /// <summary>
    /// The element type of <paramref name="value"/> when known: from shape inference on the input model, or, for a
    /// value an adapter created with an element-wise operator (which keeps its first input's type), from that input.
    /// </summary>
    public DataType? ElementTypeOf(Value? value)
    {
        for (int depth = 0; value is not null && depth < 16; depth++)
        {
            if ((facts.ElementTypeOf(value) ?? value.TensorType?.ElementType) is { } known and not DataType.Undefined) return known;
            value = value.Producer is { IsDefaultDomain: true } producer && TypeKeepingOps.Contains(producer.OpType) ? producer.Inputs.FirstOrDefault() : null;
        }
        return null;
    }

    /// <summary>Operators whose output has their first input's element type (those the expansions build).</summary>
    private static readonly HashSet<string> TypeKeepingOps =
        ["Add", "Sub", "Mul", "Div", "Neg", "Abs", "Erf", "Tanh", "Sqrt", "Reciprocal", "Exp", "Relu", "Sigmoid", "HardSigmoid", "Softplus", "Pow", "Max", "Min"];

    /// <summary>The rank of <paramref name="value"/>, or a refusal saying <paramref name="why"/> it is needed.</summary>
    public int RequireRank(Value? value, string why) =>
        RankOf(value) ?? throw Refuse($"the rank of '{value?.Name}' is unknown and {why}");

    /// <summary>The element type of <paramref name="value"/>, or a refusal saying it is needed.</summary>
    public DataType RequireElementType(Value? value) =>
        ElementTypeOf(value) ?? throw Refuse($"the element type of '{value?.Name}' is unknown and the rewrite needs it for its constants");

    /// <summary>The input at <paramref name="index"/>, or null when absent or empty.</summary>
    public Value? Input(int index) => index < Node.Inputs.Count ? Node.Inputs[index] : null;

    /// <summary>The integer values of a constant input, or a refusal naming <paramref name="role"/> when it is not constant.</summary>
    public long[] RequireConstantInt64s(int index, string role)
    {
        var value = Input(index);
        var numbers = Graph.ConstantDoubles(value)
            ?? throw Refuse($"its {role} input '{value?.Name}' is computed at run time; the older form needs it as a constant attribute");
        return numbers.Select(d => (long)d).ToArray();
    }

    /// <summary>The values of a constant input as doubles, or a refusal naming <paramref name="role"/> when it is not constant.</summary>
    public double[] RequireConstantDoubles(int index, string role)
    {
        var value = Input(index);
        return Graph.ConstantDoubles(value)
            ?? throw Refuse($"its {role} input '{value?.Name}' is computed at run time; the older form needs it as a constant attribute");
    }

    /// <summary>True when output <paramref name="index"/> exists and something reads it (a node or a graph output).</summary>
    public bool IsOutputUsed(int index) =>
        index < Node.Outputs.Count && Node.Outputs[index] is { Name.Length: > 0 } output && (output.Uses.Count > 0 || output.IsGraphOutput);

    /// <summary>Drops the inputs from <paramref name="count"/> on, removing constants nothing else reads.</summary>
    public void TruncateInputs(int count)
    {
        if (Node.Inputs.Count <= count) return;
        var dropped = Node.Inputs.Skip(count).OfType<Value>().ToList();
        Node.TruncateInputs(count);
        foreach (var value in dropped) RemoveIfUnusedConstant(value);
    }

    /// <summary>
    /// Replaces the node by a copy with only its first <paramref name="count"/> outputs (names kept), and returns
    /// the copy for the adapter to go on editing; refuses, saying <paramref name="why"/>, when a dropped output is read.
    /// </summary>
    public Node TruncateOutputs(int count, string why)
    {
        for (int i = count; i < Node.Outputs.Count; i++)
        {
            if (IsOutputUsed(i)) throw Refuse($"its output {i} ('{Node.Outputs[i].Name}') is used, and {why}");
        }
        if (Node.Outputs.Count <= count) return Node;
        var copy = Builder().AddNode(Node.OpType, Node.Inputs.ToList(), Node.Attributes, count, domain: Node.Domain);
        ReplaceWith([.. copy.Outputs]);
        return copy;
    }

    /// <summary>
    /// Replaces the node by values computed by the builder's nodes: each of the node's outputs that is read is
    /// rewired to the value at its position (graph outputs keep their names), the node is removed, and the node
    /// producing the first replacement takes the node's name.
    /// </summary>
    public void ReplaceWith(params Value?[] outputs)
    {
        for (int i = 0; i < Node.Outputs.Count; i++)
        {
            var old = Node.Outputs[i];
            if (old.Name.Length == 0 || (old.Uses.Count == 0 && !old.IsGraphOutput)) continue;
            var replacement = i < outputs.Length ? outputs[i] : null;
            if (replacement is null) throw Refuse($"its output {i} ('{old.Name}') is used and the replacement does not compute it");
            bool keepName = !old.IsGraphOutput && replacement.Producer is { } creator && CreatedNodes.Contains(creator);
            string name = old.Name;
            Graph.Replace(old, replacement);
            if (!keepName) continue;
            old.Name = Graph.Model.Names.Fresh(name + "_replaced");
            replacement.Name = name;
        }
        var inputs = Node.Inputs.OfType<Value>().ToList();
        Graph.Graph.Nodes.Remove(Node);
        if (outputs.FirstOrDefault()?.Producer is { } producer && producer.Name is null) producer.Name = Node.Name;
        foreach (var value in inputs) RemoveIfUnusedConstant(value);
    }

    /// <summary>Removes an initializer or Constant node that nothing reads any more (adapters that fold an input into an attribute leave one).</summary>
    public void RemoveIfUnusedConstant(Value value)
    {
        if (value.Uses.Count > 0 || value.IsGraphOutput) return;
        if (value.IsInitializer && !value.IsGraphInput && value.Graph == Graph.Graph) Graph.RemoveInitializer(value);
        else if (value.Producer is { OpType: "Constant", IsDefaultDomain: true } constant && constant.Graph == Graph.Graph) Graph.Graph.Nodes.Remove(constant);
    }

    /// <summary>A node's name, or its first output's name, quoted.</summary>
    internal static string Label(Node node) =>
        node.Name is { Length: > 0 } name ? $"'{name}'" : $"'{node.Outputs.FirstOrDefault()?.Name}'";
}
