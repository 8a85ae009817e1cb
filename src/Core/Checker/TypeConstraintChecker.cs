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

    public void Check(Node node, string path, OpSchema schema)
    {
        string op = schema.ToString();
        var bindings = new Dictionary<string, (string Type, string Where)>(StringComparer.Ordinal);
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Inputs[i] is not { } value || NodeChecker.Formal(schema.Inputs, i) is not { } formal) continue;
            if (!known.TryGetValue(value, out var type)) continue;
            Bind(schema, formal, type, $"input {i} ('{value.Name}')", path, op, bindings);
        }
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            var value = node.Outputs[i];
            if (value.Name.Length == 0) continue;
            string? declared = TypeNames.Of(value.Type);
            string? given = null;
            if (NodeChecker.Formal(schema.Outputs, i) is { } formal)
            {
                given = Given(schema, formal, bindings);
                string where = $"output {i} ('{value.Name}')";
                if (declared is not null && given is not null && declared != given)
                    problems.Error(path, ProblemCodes.DeclaredTypeMismatch, $"{where} is declared {declared}, but {op} makes it {given}.");
                else if (declared is not null)
                    Bind(schema, formal, declared, where, path, op, bindings);
            }
            if ((given ?? declared) is { } type) known[value] = type;
        }
    }

    /// <summary>Checks one actual type against its formal parameter and binds the parameter's type variable.</summary>
    private void Bind(OpSchema schema, FormalParameter formal, string type, string where, string path, string op,
        Dictionary<string, (string Type, string Where)> bindings)
    {
        var constraint = schema.FindTypeConstraint(formal.TypeStr);
        if (constraint is null)
        {
            string fixedType = TypeNames.Canonical(formal.TypeStr);
            if (type != fixedType) problems.Error(path, ProblemCodes.TypeNotAllowed, $"{where} is {type}, but {op} takes {fixedType} there.");
            return;
        }
        var allowed = TypeNames.Allowed(constraint);
        if (!allowed.Contains(type))
        {
            problems.Error(path, ProblemCodes.TypeNotAllowed, $"{where} is {type}, which {op} does not allow for {constraint.TypeParameter} ({Describe(constraint)}).");
            return;
        }
        if (!formal.IsHomogeneous) return;
        if (bindings.TryGetValue(constraint.TypeParameter, out var bound))
        {
            if (bound.Type != type)
                problems.Error(path, ProblemCodes.TypeConflict, $"{where} is {type}, but {constraint.TypeParameter} is already {bound.Type} from {bound.Where}; {op} needs them to match.");
        }
        else
        {
            bindings[constraint.TypeParameter] = (type, where);
        }
    }

    /// <summary>The type the signature gives an output: its fixed type, the one type its parameter allows, or the parameter's binding.</summary>
    private static string? Given(OpSchema schema, FormalParameter formal, Dictionary<string, (string Type, string Where)> bindings)
    {
        if (schema.FindTypeConstraint(formal.TypeStr) is not { } constraint) return TypeNames.Canonical(formal.TypeStr);
        if (constraint.AllowedTypes.Count == 1) return TypeNames.Canonical(constraint.AllowedTypes[0]);
        return formal.IsHomogeneous && bindings.TryGetValue(constraint.TypeParameter, out var bound) ? bound.Type : null;
    }

    private static string Describe(TypeConstraint constraint)
    {
        var types = constraint.AllowedTypes;
        string listed = string.Join(", ", types.Take(ListedTypesInMessages).Select(TypeNames.Canonical));
        return types.Count > ListedTypesInMessages ? $"{listed}, and {types.Count - ListedTypesInMessages} more" : listed;
    }
}
