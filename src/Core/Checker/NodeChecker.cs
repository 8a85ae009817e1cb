using OnnxKit.Ir;
using OnnxKit.Schemas;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Checker;

/// <summary>
/// Checks one node on its own: its attributes are well formed, its operator exists at the imported opset
/// and is not deprecated, and its inputs, outputs and attributes fit the operator's schema (or, for a call
/// of a model-local function, the function's signature). Names and types are checked elsewhere.
/// </summary>
internal sealed class NodeChecker
{
    /// <summary>ONNX's retired experimental operators: its checker skips them with a warning instead of failing.</summary>
    private static readonly HashSet<string> ExperimentalOps = new(StringComparer.Ordinal)
    {
        "ATen", "Affine", "ConstantFill", "Crop", "DynamicSlice", "GRUUnit", "GivenTensorFill",
        "ImageScaler", "ParametricSoftplus", "Scale", "ScaledTanh",
    };

    /// <summary>Operators whose schema accepts attributes it does not declare (<c>AllowUncheckedAttributes</c> in ONNX's definitions).</summary>
    private static readonly HashSet<(string Domain, string Op)> UncheckedAttributeOps = [("", "LayerNormalization")];

    private readonly CheckContext context;
    private readonly ProblemList problems;
    private readonly TensorChecker tensors;
    private readonly ControlFlowArityChecker controlFlow;
    private readonly AttributeRangeChecker ranges;
    private readonly LoopBoundChecker loops;
    private readonly ScaleChecker scales;
    private readonly OmittedInputChecker omittedInputs;

    public NodeChecker(CheckContext context)
    {
        this.context = context;
        problems = context.Problems;
        tensors = new TensorChecker(problems);
        controlFlow = new ControlFlowArityChecker(problems);
        ranges = new AttributeRangeChecker(problems);
        loops = new LoopBoundChecker(problems, context.Options.Limits);
        scales = new ScaleChecker(problems);
        omittedInputs = new OmittedInputChecker(problems);
    }

    /// <summary>Checks <paramref name="node"/>; returns the schema it was verified against, or null when there is none.</summary>
    public OpSchema? Check(Node node, string path, FunctionFrame? function)
    {
        if (string.IsNullOrEmpty(node.OpType))
        {
            problems.Error(path, ProblemCodes.OpTypeMissing, "the node has no op_type.");
            return null;
        }
        if (node.Inputs.Count == 0 && node.Outputs.Count == 0)
            problems.Error(path, ProblemCodes.NodeWithoutIo, $"the {node.OpType} node has neither inputs nor outputs.");
        CheckAttributes(node, path, function);

        var opsets = function?.Opsets ?? context.ModelOpsets;
        if (!opsets.TryGetVersion(node.Domain, out long version))
        {
            context.NoteMissingDomain(function?.Path ?? Locations.Model, node.Domain, path);
            return null;
        }
        if (node.IsDefaultDomain && ExperimentalOps.Contains(node.OpType))
        {
            problems.Warning(path, ProblemCodes.ExperimentalOp, $"{node.OpType} is one of ONNX's retired experimental operators; it has no schema and few runtimes support it.");
            return null;
        }
        if (context.CalledFunction(node) is { } callee)
        {
            CheckCall(node, path, callee);
            ranges.CheckCall(node, path, callee);
            return null;
        }
        if (version is < 1 or > int.MaxValue) return null; // the import itself is reported

        var schema = context.Registry.Find(node.Domain, node.OpType, (int)version);
        if (schema is null)
        {
            ReportUnknownOp(node, path, (int)version);
            return null;
        }
        if (schema.Deprecated)
        {
            problems.Error(path, ProblemCodes.DeprecatedOp, $"{node.OpType} was deprecated in {DomainNames.Display(schema.Domain)} opset {schema.SinceVersion}, and opset {version} is imported.");
            return null;
        }
        CheckArity(node, path, schema);
        CheckAttributesAgainst(node, path, schema);
        controlFlow.Check(node, path, schema);
        ranges.Check(node, path);
        loops.Check(node, path);
        if (node.IsDefaultDomain) scales.Check(node, path, version);
        return schema;
    }

    private void ReportUnknownOp(Node node, string path, int version)
    {
        string domain = DomainNames.Display(node.Domain);
        if (!context.Registry.IsKnownDomain(node.Domain))
        {
            context.NoteUnverifiedOp(node.Domain, node.OpType, path);
            return;
        }
        var versions = context.Registry.Versions(node.Domain, node.OpType);
        string message = versions.Count > 0
            ? $"{node.OpType} does not exist in {domain} opset {version}; it was introduced in opset {versions[0].SinceVersion}."
            : $"{node.OpType} is not an operator of domain '{domain}'.";
        problems.Error(path, ProblemCodes.UnknownOp, message);
    }

    private void CheckArity(Node node, string path, OpSchema schema)
    {
        var op = schema;
        int inputs = node.Inputs.Count, outputs = node.Outputs.Count;
        if (inputs < schema.MinInputs)
            problems.Error(path, ProblemCodes.TooFewInputs, $"{op} needs at least {Count(schema.MinInputs, "input")}; the node has {inputs}.");
        if (inputs > schema.MaxInputs)
            problems.Error(path, ProblemCodes.TooManyInputs, $"{op} takes at most {Count(schema.MaxInputs, "input")}; the node has {inputs}.");
        if (outputs < schema.MinOutputs)
            problems.Error(path, ProblemCodes.TooFewOutputs, $"{op} needs at least {Count(schema.MinOutputs, "output")}; the node has {outputs}.");
        if (outputs > schema.MaxOutputs)
            problems.Error(path, ProblemCodes.TooManyOutputs, $"{op} gives at most {Count(schema.MaxOutputs, "output")}; the node has {outputs}.");

        omittedInputs.Check(node, path, schema);
        for (int i = 0; i < outputs; i++)
        {
            if (node.Outputs[i].Name.Length == 0 && Formal(schema.Outputs, i) is { Option: FormalParameterOption.Single } formal)
                problems.Error(path, ProblemCodes.RequiredIoMissing, $"output {i} ('{formal.Name}') of {op} is required but left empty.");
        }
    }

    /// <summary>The formal parameter that actual position <paramref name="index"/> binds to: its own, or a trailing variadic one.</summary>
    public static FormalParameter? Formal(IReadOnlyList<FormalParameter> formals, int index) =>
        index < formals.Count ? formals[index]
        : formals.Count > 0 && formals[^1].Option == FormalParameterOption.Variadic ? formals[^1]
        : null;

    private void CheckAttributesAgainst(Node node, string path, OpSchema schema)
    {
        bool allowsUnchecked = UncheckedAttributeOps.Contains((schema.Domain, schema.Name));
        var attributes = node.Attributes;
        HashSet<string>? seen = null;
        for (int i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (IsRepeat(attributes, i, ref seen) || attribute.Name.StartsWith("__", StringComparison.Ordinal)) continue;
            var declared = schema.FindAttribute(attribute.Name);
            if (declared is null)
            {
                if (!allowsUnchecked)
                    problems.Error(Locations.Attribute(path, attribute.Name), ProblemCodes.UnknownAttribute, $"{schema} has no attribute '{attribute.Name}'.");
            }
            else if (attribute.Type != declared.Type)
            {
                problems.Error(Locations.Attribute(path, attribute.Name), ProblemCodes.AttributeTypeMismatch,
                    $"'{attribute.Name}' is {KindName(attribute.Type)}, but {schema} declares it {KindName(declared.Type)}.");
            }
        }
        foreach (var declared in schema.Attributes)
        {
            if (declared.Required && attributes[declared.Name] is null)
                problems.Error(path, ProblemCodes.RequiredAttributeMissing, $"{schema} requires attribute '{declared.Name}' ({KindName(declared.Type)}), which the node lacks.");
        }
    }

    private void CheckCall(Node node, string path, Function callee)
    {
        string name = $"function {DomainNames.Display(callee.Domain)}.{callee.Name}";
        if (node.Inputs.Count > callee.Body.Inputs.Count)
            problems.Error(path, ProblemCodes.TooManyInputs, $"{name} takes {Count(callee.Body.Inputs.Count, "input")}; the node passes {node.Inputs.Count}.");
        if (node.Outputs.Count > callee.Body.Outputs.Count)
            problems.Error(path, ProblemCodes.TooManyOutputs, $"{name} gives {Count(callee.Body.Outputs.Count, "output")}; the node asks for {node.Outputs.Count}.");
        foreach (var attribute in node.Attributes)
        {
            if (!context.AttributeNamesOf(callee).Contains(attribute.Name))
                problems.Warning(Locations.Attribute(path, attribute.Name), ProblemCodes.UnknownAttribute, $"{name} declares no attribute '{attribute.Name}'; it is ignored.");
        }
    }

    /// <summary>Schema-independent rules: names unique and non-empty, a type and a value (or a reference inside a function), valid tensors.</summary>
    private void CheckAttributes(Node node, string path, FunctionFrame? function)
    {
        var attributes = node.Attributes;
        HashSet<string>? seen = null;
        for (int i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            string Where() => Locations.Attribute(path, attribute.Name);

            bool repeated = IsRepeat(attributes, i, ref seen);
            if (attribute.Name.Length == 0) problems.Error(Where(), ProblemCodes.NameMissing, "an attribute has no name.");
            else if (repeated)
                problems.Error(Where(), ProblemCodes.DuplicateAttribute, $"attribute '{attribute.Name}' appears more than once on the node.");

            if (attribute.RefAttributeName is { } reference)
            {
                if (function is null)
                    problems.Error(Where(), ProblemCodes.BadAttributeReference, $"'{attribute.Name}' refers to function attribute '{reference}', but the node is not inside a function.");
                else if (!function.AttributeNames.Contains(reference))
                    problems.Error(Where(), ProblemCodes.BadAttributeReference, $"'{attribute.Name}' refers to attribute '{reference}', which function {function.Function.Name} does not declare.");
            }
            else if (attribute.Type == AttributeType.Undefined)
                problems.Error(Where(), ProblemCodes.AttributeMalformed, $"'{attribute.Name}' has no type and no value.");
            else if (attribute.Value is null)
                problems.Error(Where(), ProblemCodes.AttributeMalformed, $"'{attribute.Name}' is of type {KindName(attribute.Type)} but holds no value.");
            else if (attribute.Type is AttributeType.Tensor or AttributeType.Tensors or AttributeType.SparseTensor or AttributeType.SparseTensors)
                CheckAttributeTensors(attribute, Where());
        }
    }

    /// <summary>
    /// Whether attribute <paramref name="index"/> repeats the name of an earlier one. Call for each index in
    /// order; a node with many attributes gets a set (<paramref name="seen"/>) instead of a quadratic scan.
    /// </summary>
    private static bool IsRepeat(AttributeList attributes, int index, ref HashSet<string>? seen)
    {
        const int ScanLimit = 8;
        string name = attributes[index].Name;
        if (attributes.Count <= ScanLimit)
        {
            for (int j = 0; j < index; j++)
            {
                if (attributes[j].Name == name) return true;
            }
            return false;
        }
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        return !seen.Add(name);
    }

    private void CheckAttributeTensors(IrAttribute attribute, string where)
    {
        switch (attribute.Value)
        {
            case ITensor tensor:
                tensors.Check(tensor, where);
                break;
            case ITensor[] list:
                for (int i = 0; i < list.Length; i++) tensors.Check(list[i], $"{where}[{i}]");
                break;
            case SparseTensor sparse:
                tensors.CheckSparse(sparse, where);
                break;
            case SparseTensor[] sparseList:
                for (int i = 0; i < sparseList.Length; i++) tensors.CheckSparse(sparseList[i], $"{where}[{i}]");
                break;
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>An attribute type as ONNX spells it: FLOAT, INTS, SPARSE_TENSOR, TYPE_PROTOS, ...</summary>
    private static string KindName(AttributeType kind)
    {
        string name = kind.ToString();
        var text = new System.Text.StringBuilder(name.Length + 2);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }
}
