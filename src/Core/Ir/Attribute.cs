using System.Text;

namespace OnnxKit.Ir;

/// <summary>
/// A named attribute of a node or a function. <see cref="Value"/> holds, by
/// <see cref="Type"/>: float, long, byte[] (strings are bytes in ONNX), <see cref="ITensor"/>,
/// <see cref="Ir.Graph"/>, <see cref="Ir.SparseTensor"/>, <see cref="OnnxType"/>, or a read-only
/// list of one of those. Inside a function body an attribute may instead refer to
/// one of the function's attributes through <see cref="RefAttributeName"/>.
/// </summary>
public sealed class Attribute
{
    /// <summary>Creates an attribute; prefer the typed factories.</summary>
    public Attribute(string name, AttributeType type, object? value, string? refAttributeName = null, string? docString = null)
    {
        Name = name;
        Type = type;
        Value = value;
        RefAttributeName = refAttributeName;
        DocString = docString;
    }

    /// <summary>The attribute's name.</summary>
    public string Name { get; }

    /// <summary>The kind of value.</summary>
    public AttributeType Type { get; }

    /// <summary>The value (see the class remarks for the CLR type per kind).</summary>
    public object? Value { get; }

    /// <summary>In a function body: the name of the function attribute this one takes its value from.</summary>
    public string? RefAttributeName { get; }

    /// <summary>The attribute's doc string.</summary>
    public string? DocString { get; }

    /// <summary>A float attribute.</summary>
    public static Attribute Float(string name, float value) => new(name, AttributeType.Float, value);

    /// <summary>An integer attribute.</summary>
    public static Attribute Int(string name, long value) => new(name, AttributeType.Int, value);

    /// <summary>A string attribute, stored as UTF-8.</summary>
    public static Attribute String(string name, string value) => new(name, AttributeType.String, Encoding.UTF8.GetBytes(value));

    /// <summary>A tensor attribute.</summary>
    public static Attribute Tensor(string name, ITensor value) => new(name, AttributeType.Tensor, value);

    /// <summary>A subgraph attribute.</summary>
    public static Attribute Graph(string name, Graph value) => new(name, AttributeType.Graph, value);

    /// <summary>A type attribute.</summary>
    public static Attribute TypeProto(string name, OnnxType value) => new(name, AttributeType.TypeProto, value);

    /// <summary>A float-list attribute.</summary>
    public static Attribute Floats(string name, IEnumerable<float> values) => new(name, AttributeType.Floats, values.ToArray());

    /// <summary>An integer-list attribute.</summary>
    public static Attribute Ints(string name, IEnumerable<long> values) => new(name, AttributeType.Ints, values.ToArray());

    /// <summary>A string-list attribute, stored as UTF-8.</summary>
    public static Attribute Strings(string name, IEnumerable<string> values) =>
        new(name, AttributeType.Strings, values.Select(Encoding.UTF8.GetBytes).ToArray());

    /// <summary>A subgraph-list attribute.</summary>
    public static Attribute Graphs(string name, IEnumerable<Graph> values) => new(name, AttributeType.Graphs, values.ToArray());

    /// <summary>A reference to the enclosing function's attribute <paramref name="functionAttribute"/>.</summary>
    public static Attribute Reference(string name, AttributeType type, string functionAttribute) => new(name, type, null, functionAttribute);

    /// <summary>The float value.</summary>
    public float AsFloat() => As<float>(AttributeType.Float);

    /// <summary>The integer value.</summary>
    public long AsInt() => As<long>(AttributeType.Int);

    /// <summary>The string value decoded as UTF-8.</summary>
    public string AsString() => Encoding.UTF8.GetString(As<byte[]>(AttributeType.String));

    /// <summary>The tensor value.</summary>
    public ITensor AsTensor() => As<ITensor>(AttributeType.Tensor);

    /// <summary>The subgraph value.</summary>
    public Graph AsGraph() => As<Graph>(AttributeType.Graph);

    /// <summary>The float list.</summary>
    public IReadOnlyList<float> AsFloats() => As<float[]>(AttributeType.Floats);

    /// <summary>The integer list.</summary>
    public IReadOnlyList<long> AsInts() => As<long[]>(AttributeType.Ints);

    /// <summary>The string list decoded as UTF-8.</summary>
    public IReadOnlyList<string> AsStrings() => As<byte[][]>(AttributeType.Strings).Select(Encoding.UTF8.GetString).ToArray();

    /// <summary>The subgraph list.</summary>
    public IReadOnlyList<Graph> AsGraphs() => As<Graph[]>(AttributeType.Graphs);

    /// <summary>Every subgraph this attribute holds (none, one, or a list).</summary>
    public IEnumerable<Graph> Subgraphs() => Value switch
    {
        Graph g => [g],
        Graph[] gs => gs,
        _ => [],
    };

    private T As<T>(AttributeType expected)
    {
        if (Type != expected || Value is not T value)
            throw new InvalidOperationException($"Attribute '{Name}' is {Type}, not {expected}.");
        return value;
    }

    /// <inheritdoc/>
    public override string ToString() => RefAttributeName is not null ? $"{Name}=@{RefAttributeName}" : $"{Name}={AttributeFormatter.Format(this)}";
}
