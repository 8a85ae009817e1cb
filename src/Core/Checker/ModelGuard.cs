using OnnxKit.Ir;
using OnnxKit.Schemas;
using OnnxKit.Security;

namespace OnnxKit.Checker;

/// <summary>
/// The checks every model passes before it is run, on ONNX Runtime or on the reference evaluator: the
/// subset of <see cref="ModelChecker"/>'s rules whose violation makes a runtime crash, hang or exhaust
/// memory rather than fail with an error. They are attribute ranges (a non-positive number of heads
/// or groups, a zero stride), Resize and Upsample scales that are not finite and positive, loops that cannot stop or run past <see cref="ResourceLimits.MaxLoopIterations"/>,
/// stacked loop outputs past <see cref="ResourceLimits.MaxTensorBytes"/>, function expansion past
/// <see cref="ResourceLimits.MaxNodesAfterInlining"/>, a domain imported twice, an initializer listed twice, and a required or variadic input left empty. The rest of the
/// checker's rules are left to the runtimes, which accept models the full checker would reject.
/// </summary>
public static class ModelGuard
{
    /// <summary>Runs the guard's rules on <paramref name="model"/> and returns what they found.</summary>
    public static CheckReport Check(Model model, ResourceLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        limits ??= ResourceLimits.Default;
        var problems = new ProblemList();
        CheckOpsetImports(model, problems);
        var walker = new Walker(model, problems, limits);
        walker.Walk(model.Graph, Locations.MainGraph);
        for (int i = 0; i < model.Functions.Count; i++) walker.Walk(model.Functions[i].Body, Locations.Function(i));
        new FunctionExpansionChecker(problems, limits).Check(model);
        return new CheckReport(problems.Items);
    }

    /// <summary>Throws a <see cref="ModelRejectedException"/> listing every problem when <see cref="Check"/> finds any error.</summary>
    /// <param name="model">The model about to run.</param>
    /// <param name="limits">The resource limits; <see cref="ResourceLimits.Default"/> when null.</param>
    /// <param name="source">The model's file name or description, for the message.</param>
    public static void Require(Model model, ResourceLimits? limits, string source)
    {
        var report = Check(model, limits);
        if (!report.IsValid) throw new ModelRejectedException(source, report);
    }

    private static void CheckOpsetImports(Model model, ProblemList problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < model.OpsetImports.Count; i++)
        {
            string domain = DomainNames.Canonical(model.OpsetImports[i].Domain);
            if (!seen.Add(domain))
                problems.Error(Locations.OpsetImport(Locations.Model, i), ProblemCodes.DuplicateOpsetImport,
                    $"domain '{DomainNames.Display(domain)}' is imported more than once, so which version its operators have is ambiguous.");
        }
    }

    /// <summary>Visits every node of a graph and its subgraphs with the node's location.</summary>
    private sealed class Walker(Model model, ProblemList problems, ResourceLimits limits)
    {
        private readonly AttributeRangeChecker ranges = new(problems);
        private readonly LoopBoundChecker loops = new(problems, limits);
        private readonly ScaleChecker scales = new(problems);
        private readonly long? opset = model.OpsetVersion("");
        private readonly OmittedInputChecker omittedInputs = new(problems);

        public void Walk(Graph graph, string path)
        {
            CheckInitializerNames(graph, path);
            int index = 0;
            foreach (var node in graph.Nodes)
            {
                string nodePath = Locations.Node(path, index++, node);
                ranges.Check(node, nodePath);
                loops.Check(node, nodePath);
                scales.Check(node, nodePath, opset);
                if (Schema(node) is { } schema) omittedInputs.Check(node, nodePath, schema);
                if (!node.IsDefaultDomain && model.FindFunction(node.Domain, node.OpType, node.Overload) is { } function)
                    ranges.CheckCall(node, nodePath, function);
                foreach (var attribute in node.Attributes)
                {
                    foreach (var subgraph in attribute.Subgraphs()) Walk(subgraph, Locations.Attribute(nodePath, attribute.Name));
                }
            }
        }

        /// <summary>The schema of <paramref name="node"/> at the version the model imports for its domain, or null.</summary>
        private OpSchema? Schema(Node node) =>
            model.OpsetVersion(node.Domain) is long version and >= 1 and <= int.MaxValue
                ? OpSchemaRegistry.Default.Find(node.Domain, node.OpType, (int)version)
                : null;

        /// <summary>
        /// An initializer name listed twice: ONNX Runtime keeps the last value and OnnxKit the first, so the guard's
        /// view of the model (a Loop's trip count, a Resize's scales) would not be the one that runs.
        /// </summary>
        private void CheckInitializerNames(Graph graph, string path)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < graph.Initializers.Count; i++)
            {
                string name = graph.Initializers[i].Name;
                if (name.Length > 0 && !names.Add(name))
                    problems.Error(Locations.Entry(path, "initializer", i, name), ProblemCodes.DuplicateName,
                        $"initializer '{name}' is listed more than once, and runtimes disagree on which value it has.");
            }
        }
    }
}
