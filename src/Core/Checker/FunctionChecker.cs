using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Checks the model-local functions: the model's IR version allows them, each (domain, name, overload) is
/// defined once, no function calls itself directly or indirectly, each function's opset imports are valid
/// and agree with the model's, its attribute names are unique, and its body passes the graph checks.
/// </summary>
internal sealed class FunctionChecker(CheckContext context, GraphChecker graphs, OpsetChecker opsets)
{
    /// <summary>The IR version that introduced model-local functions.</summary>
    private const int FunctionsIrVersion = 8;

    private readonly ProblemList problems = context.Problems;

    public void CheckAll()
    {
        var functions = context.Model.Functions;
        if (functions.Count == 0) return;
        if (context.Model.IrVersion is > 0 and < FunctionsIrVersion)
            problems.Error("functions", ProblemCodes.IrVersionTooOld, $"model-local functions need IR version {FunctionsIrVersion} or newer, but the model declares IR version {context.Model.IrVersion}.");

        var ids = new HashSet<(string, string, string)>();
        var combined = CombinedOpsets();
        for (int i = 0; i < functions.Count; i++)
        {
            var function = functions[i];
            string path = Locations.Function(i);
            if (string.IsNullOrEmpty(function.Name)) problems.Error(path, ProblemCodes.FunctionNameMissing, "a function has no name.");
            if (!ids.Add((DomainNames.Canonical(function.Domain), function.Name, function.Overload ?? "")))
                problems.Error(path, ProblemCodes.DuplicateFunction, $"another function is also {Describe(function)}.");
            opsets.CheckImports(function.OpsetImports, path, context.Model.IrVersion);
            CheckAttributeNames(function, path);
            var frame = new FunctionFrame(function, path, new OpsetTable(function.OpsetImports), context.AttributeNamesOf(function));
            graphs.CheckFunctionBody(frame);
            CheckOpsetAgreement(frame, combined);
        }
        ReportRecursion();
    }

    private void CheckAttributeNames(Function function, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in function.AttributeNames.Concat(function.AttributeDefaults.Select(a => a.Name)))
        {
            if (!names.Add(name)) problems.Error(path, ProblemCodes.DuplicateAttribute, $"{Describe(function)} declares attribute '{name}' more than once.");
        }
    }

    /// <summary>
    /// The model's imports, completed with each function's imports of domains the model does not import,
    /// as ONNX's checker does before comparing.
    /// </summary>
    private OpsetTable CombinedOpsets()
    {
        var table = new OpsetTable(context.Model.OpsetImports);
        foreach (var import in context.Model.Functions.SelectMany(f => f.OpsetImports)) table.AddIfMissing(import.Domain, import.Version);
        return table;
    }

    /// <summary>
    /// Where a function imports a domain at another version than the model, each operator its body uses
    /// must resolve to the same operator version under both imports.
    /// </summary>
    private void CheckOpsetAgreement(FunctionFrame frame, OpsetTable combined)
    {
        int index = 0;
        foreach (var node in frame.Function.Body.Nodes)
        {
            int position = index++;
            if (!frame.Opsets.TryGetVersion(node.Domain, out long own) || !combined.TryGetVersion(node.Domain, out long model)) continue;
            if (own == model || own is < 1 or > int.MaxValue || model is < 1 or > int.MaxValue) continue;
            var forFunction = context.Registry.Find(node.Domain, node.OpType, (int)own);
            var forModel = context.Registry.Find(node.Domain, node.OpType, (int)model);
            if (forFunction is null && forModel is null) continue;
            if (forFunction?.SinceVersion == forModel?.SinceVersion) continue;
            string domain = DomainNames.Display(node.Domain);
            problems.Error(Locations.Node(frame.Path, position, node), ProblemCodes.FunctionOpsetIncompatible,
                $"the function imports {domain} opset {own} and the model opset {model}, which select different versions of {node.OpType} ({forFunction?.ToString() ?? "none"} and {forModel?.ToString() ?? "none"}).");
        }
    }

    /// <summary>Reports each cycle in the call graph of the model-local functions once.</summary>
    private void ReportRecursion()
    {
        var functions = context.Model.Functions;
        var position = new Dictionary<Function, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < functions.Count; i++) position.TryAdd(functions[i], i);
        var callees = functions.Select(f => f.Body.AllNodes()
            .Select(context.CalledFunction)
            .OfType<Function>().Select(callee => position[callee]).Distinct().ToList()).ToList();

        var state = new int[functions.Count]; // 0 unvisited, 1 on the current path, 2 finished
        for (int root = 0; root < functions.Count; root++)
        {
            if (state[root] != 0) continue;
            var path = new List<int> { root };
            var next = new List<int> { 0 };
            state[root] = 1;
            while (path.Count > 0)
            {
                int current = path[^1];
                if (next[^1] == callees[current].Count)
                {
                    state[current] = 2;
                    path.RemoveAt(path.Count - 1);
                    next.RemoveAt(next.Count - 1);
                    continue;
                }
                int callee = callees[current][next[^1]++];
                if (state[callee] == 1)
                {
                    var cycle = path.Skip(path.IndexOf(callee)).Append(callee).Select(i => Describe(functions[i]));
                    problems.Error(Locations.Function(callee), ProblemCodes.RecursiveFunction, $"functions call each other in a cycle: {string.Join(" -> ", cycle)}.");
                }
                else if (state[callee] == 0)
                {
                    state[callee] = 1;
                    path.Add(callee);
                    next.Add(0);
                }
            }
        }
    }

    private static string Describe(Function function) =>
        $"function {DomainNames.Display(function.Domain)}.{function.Name}" + (string.IsNullOrEmpty(function.Overload) ? "" : $" (overload '{function.Overload}')");
}
