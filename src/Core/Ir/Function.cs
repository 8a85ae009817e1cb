namespace OnnxKit.Ir;

/// <summary>
/// A model-local function: a named sub-computation that nodes call like an
/// operator. Its <see cref="Body"/> holds the formal inputs, outputs, nodes and
/// value types; attributes are declared by name (<see cref="AttributeNames"/>) or
/// with defaults (<see cref="AttributeDefaults"/>).
/// </summary>
public sealed class Function
{
    /// <summary>Creates a function with the given identity and body.</summary>
    public Function(string domain, string name, Graph body, IEnumerable<OpsetImport> opsetImports)
    {
        Domain = domain;
        Name = name;
        Body = body;
        OpsetImports.AddRange(opsetImports);
    }

    /// <summary>The domain nodes use to call it.</summary>
    public string Domain { get; set; }

    /// <summary>The op type nodes use to call it.</summary>
    public string Name { get; set; }

    /// <summary>Distinguishes functions that share domain and name.</summary>
    public string? Overload { get; set; }

    /// <summary>Inputs, outputs, nodes and value_info of the function.</summary>
    public Graph Body { get; }

    /// <summary>Attributes the function takes without a default value.</summary>
    public List<string> AttributeNames { get; } = [];

    /// <summary>Attributes the function takes with a default value.</summary>
    public List<Attribute> AttributeDefaults { get; } = [];

    /// <summary>The operator sets the body uses.</summary>
    public List<OpsetImport> OpsetImports { get; } = [];

    /// <summary>The function's doc string.</summary>
    public string? DocString { get; set; }

    /// <summary>Metadata entries, in file order.</summary>
    public List<KeyValuePair<string, string>> Metadata { get; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"function {Domain}::{Name}";
}
