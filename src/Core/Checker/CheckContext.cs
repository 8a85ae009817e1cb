using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Checker;

/// <summary>What every part of one check run shares: the model, the options, the findings, and known value types.</summary>
internal sealed class CheckContext
{
    private readonly Dictionary<(string Owner, string Domain), (string FirstUse, int Count)> missingDomains = [];
    private readonly Dictionary<(string Domain, string OpType), (string FirstUse, int Count)> unverifiedOps = [];
    private readonly Dictionary<(string Domain, string Name, string Overload), Function> functionsById = [];
    private readonly Dictionary<Function, HashSet<string>> functionAttributes = new(ReferenceEqualityComparer.Instance);

    public CheckContext(Model model, CheckerOptions options)
    {
        Model = model;
        Options = options;
        ModelOpsets = new OpsetTable(model.OpsetImports);
        // Models older than IR version 3 had no opset imports and used ai.onnx opset 1.
        if (model.IrVersion is > 0 and < 3 && model.OpsetImports.Count == 0) ModelOpsets.AddIfMissing("", 1);
        foreach (var function in model.Functions) functionsById.TryAdd((function.Domain, function.Name, function.Overload ?? ""), function);
    }

    public Model Model { get; }

    public CheckerOptions Options { get; }

    public OpSchemaRegistry Registry => Options.Registry;

    public ProblemList Problems { get; } = new();

    /// <summary>The model's opset imports (what the main graph and its subgraphs use).</summary>
    public OpsetTable ModelOpsets { get; }

    /// <summary>
    /// The type of each value where it is known (declared, from initializer data, or given by the producing
    /// operator's signature), as a canonical type string; see <see cref="TypeNames"/>.
    /// </summary>
    public Dictionary<Value, string> KnownTypes { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The model-local function <paramref name="node"/> calls, or null (the first one, when ids repeat).</summary>
    public Function? CalledFunction(Node node) =>
        functionsById.Count == 0 ? null : functionsById.GetValueOrDefault((node.Domain, node.OpType, node.Overload ?? ""));

    /// <summary>The attributes <paramref name="function"/> declares, with or without defaults.</summary>
    public HashSet<string> AttributeNamesOf(Function function)
    {
        if (!functionAttributes.TryGetValue(function, out var names))
        {
            names = new HashSet<string>(function.AttributeNames.Concat(function.AttributeDefaults.Select(a => a.Name)), StringComparer.Ordinal);
            functionAttributes[function] = names;
        }
        return names;
    }

    /// <summary>Notes a node whose domain its opset owner does not import; reported once per owner and domain.</summary>
    public void NoteMissingDomain(string ownerPath, string domain, string nodePath)
    {
        var key = (ownerPath, DomainNames.Canonical(domain));
        missingDomains[key] = missingDomains.TryGetValue(key, out var seen) ? (seen.FirstUse, seen.Count + 1) : (nodePath, 1);
    }

    /// <summary>Notes a node of a domain without schemas (and no matching function); reported once per operator.</summary>
    public void NoteUnverifiedOp(string domain, string opType, string nodePath)
    {
        var key = (domain, opType);
        unverifiedOps[key] = unverifiedOps.TryGetValue(key, out var seen) ? (seen.FirstUse, seen.Count + 1) : (nodePath, 1);
    }

    /// <summary>Reports what <see cref="NoteMissingDomain"/> and <see cref="NoteUnverifiedOp"/> collected.</summary>
    public void ReportCollected()
    {
        var severity = Options.UnknownDomainsAreErrors ? CheckSeverity.Error : CheckSeverity.Warning;
        foreach (var ((domain, opType), (firstUse, count)) in unverifiedOps)
        {
            string nodes = count == 1 ? "" : $" ({count} nodes use it; this is the first)";
            Problems.Add(severity, firstUse, ProblemCodes.UnverifiedOp,
                $"{opType} is in domain '{domain}', which has no known schemas, and no model-local function defines it; it was not verified{nodes}.");
        }

        foreach (var ((owner, domain), (firstUse, count)) in missingDomains)
        {
            string location = owner == Locations.Model ? "opset_import" : $"{owner}.opset_import";
            string nodes = count == 1 ? "a node uses it" : $"{count} nodes use it";
            Problems.Error(location, ProblemCodes.DomainNotImported,
                $"domain '{DomainNames.Display(domain)}' is not imported, but {nodes} (first: {firstUse}).");
        }
    }
}
