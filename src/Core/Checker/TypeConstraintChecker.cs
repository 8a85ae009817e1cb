using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Checker;

/// <summary>
/// Checks a node's input and output types against its operator's type constraints, where those types are
/// known, and records the output types the signature determines, so later nodes can be checked too.
/// </summary>
/// <remarks>
/// A type is known when it is declared (graph inputs, value_info, graph outputs), comes from initializer
/// data, or follows from the signature: an output whose type parameter is bound by an input, or whose type
/// is fixed. Within a node every occurrence of a type parameter must be the same type, except in a
/// heterogeneous variadic parameter (the values of Loop, If, Scan), where each value only has to be one of
/// the allowed types. No shapes are involved; this is the type half of ONNX's strict shape inference,
/// limited to what needs no operator-specific inference code.
/// </remarks>
internal sealed class TypeConstraintChecker(CheckContext context)
{
    private const int ListedTypesInMessages = 6;

    private readonly ProblemList problems = context.Problems;
    private readonly Dictionary<Value, string> known = context.KnownTypes;

    // Type parameter -> where it was first bound, for the node being checked (reused from node to node).
    private readonly Dictionary<string, Binding> bindings = new(StringComparer.Ordinal);

    public void Check(Node node, string path, OpSchema schema)
    {
        bindings.Clear();
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Inputs[i] is not { } value || NodeChecker.Formal(schema.Inputs, i) is not { } formal) continue;
            if (!known.TryGetValue(value, out var type)) continue;
            Bind(schema, formal, type, new Binding(type, false, i, value.Name), path);
        }
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            var value = node.Outputs[i];
            if (value.Name.Length == 0) continue;
            string? declared = TypeNames.Of(value.Type) ?? (i == 0 ? ConstantValueType(node) : null);
            string? given = null;
            if (NodeChecker.Formal(schema.Outputs, i) is { } formal)
            {
                given = Given(schema, formal);
                var binding = new Binding(declared ?? "", true, i, value.Name);
                if (declared is not null && given is not null && declared != given)
                    problems.Error(path, ProblemCodes.DeclaredTypeMismatch, $"{binding.Describe()} is declared {declared}, but {schema} makes it {given}.");
                else if (declared is not null)
                    Bind(schema, formal, declared, binding, path);
            }
            if ((given ?? declared) is { } type) known[value] = type;
        }
    }

    /// <summary>
    /// The type of a Constant's output, from its <c>value</c> tensor, so that its type constraint is checked
    /// (Constant-1 allows float types only, as ONNX's shape inference enforces); null for any other node.
    /// </summary>
    private static string? ConstantValueType(Node node) =>
        node is { OpType: "Constant", IsDefaultDomain: true }
            && node.Attributes["value"] is { Type: AttributeType.Tensor } value
            ? TypeNames.Tensor(value.AsTensor().DataType)
            : null;

    /// <summary>Checks one actual type against its formal parameter and binds the parameter's type variable.</summary>
    private void Bind(OpSchema schema, FormalParameter formal, string type, Binding actual, string path)
    {
        var constraint = Constraint(schema, formal);
        if (constraint is null)
        {
            string fixedType = TypeNames.Canonical(formal.TypeStr);
            if (type != fixedType) problems.Error(path, ProblemCodes.TypeNotAllowed, $"{actual.Describe()} is {type}, but {schema} takes {fixedType} there.");
            return;
        }
        if (!TypeNames.Allowed(constraint).Contains(type))
        {
            problems.Error(path, ProblemCodes.TypeNotAllowed, $"{actual.Describe()} is {type}, which {schema} does not allow for {constraint.TypeParameter} ({Describe(constraint)}).");
            return;
        }
        if (!formal.IsHomogeneous) return;
        if (!bindings.TryGetValue(constraint.TypeParameter, out var bound)) bindings[constraint.TypeParameter] = actual;
        else if (bound.Type != type)
            problems.Error(path, ProblemCodes.TypeConflict, $"{actual.Describe()} is {type}, but {constraint.TypeParameter} is already {bound.Type} from {bound.Describe()}; {schema} needs them to match.");
    }

    /// <summary>The type the signature gives an output: its fixed type, the one type its parameter allows, or the parameter's binding.</summary>
    private string? Given(OpSchema schema, FormalParameter formal)
    {
        if (Constraint(schema, formal) is not { } constraint) return TypeNames.Canonical(formal.TypeStr);
        if (constraint.AllowedTypes.Count == 1) return TypeNames.Canonical(constraint.AllowedTypes[0]);
        return formal.IsHomogeneous && bindings.TryGetValue(constraint.TypeParameter, out var bound) ? bound.Type : null;
    }

    /// <summary>The type constraint a formal parameter names, or null when its type string is a concrete type.</summary>
    private static TypeConstraint? Constraint(OpSchema schema, FormalParameter formal)
    {
        foreach (var constraint in schema.TypeConstraints)
        {
            if (constraint.TypeParameter == formal.TypeStr) return constraint;
        }
        return null;
    }

    private static string Describe(TypeConstraint constraint)
    {
        var types = constraint.AllowedTypes;
        string listed = string.Join(", ", types.Take(ListedTypesInMessages).Select(TypeNames.Canonical));
        return types.Count > ListedTypesInMessages ? $"{listed}, and {types.Count - ListedTypesInMessages} more" : listed;
    }

    /// <summary>A type seen at one input or output of the node; described in words only when a problem is reported.</summary>
    private readonly record struct Binding(string Type, bool IsOutput, int Index, string ValueName)
    {
        public string Describe() => $"{(IsOutput ? "output" : "input")} {Index} ('{ValueName}')";
    }
}
