using OnnxKit.Ir;
using OnnxKit.Security;

namespace OnnxKit.Checker;

/// <summary>
/// Counts the nodes a model has once every call of a model-local function is replaced by the function's
/// body, as ONNX Runtime does when it loads a model and as an inliner would, and refuses a model that
/// passes <see cref="ResourceLimits.MaxNodesAfterInlining"/>. Counting is memoized per function and
/// saturates instead of overflowing, so 40 functions that each call the previous one twice (2^40 nodes)
/// are counted in 40 steps. Recursive functions count once here; they are reported on their own.
/// </summary>
internal sealed class FunctionExpansionChecker(ProblemList problems, ResourceLimits limits)
{
    private readonly Dictionary<Function, long> sizes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Function> counting = new(ReferenceEqualityComparer.Instance);

    /// <summary>Checks the main graph of <paramref name="model"/>.</summary>
    public void Check(Model model)
    {
        if (model.Functions.Count == 0) return;
        long total = Count(model, model.Graph);
        if (total <= limits.MaxNodesAfterInlining) return;
        var largest = model.Functions.MaxBy(f => sizes.GetValueOrDefault(f))!;
        problems.Error(Locations.MainGraph, ProblemCodes.ExpansionTooLarge,
            $"the model expands to {Describe(total)} nodes once its model-local functions are inlined (function '{largest.Domain}:{largest.Name}' alone is {Describe(sizes[largest])}), more than the limit of {limits.MaxNodesAfterInlining} (raise it with --max-nodes).");
    }

    private long Count(Model model, Graph graph)
    {
        long total = 0;
        foreach (var node in graph.Nodes)
        {
            var function = node.IsDefaultDomain ? null : model.FindFunction(node.Domain, node.OpType, node.Overload);
            total = Add(total, function is null ? 1 : Size(model, function));
            foreach (var subgraph in node.Subgraphs()) total = Add(total, Count(model, subgraph));
        }
        return total;
    }

    private long Size(Model model, Function function)
    {
        if (sizes.TryGetValue(function, out long size)) return size;
        if (!counting.Add(function)) return 1;
        size = Count(model, function.Body);
        counting.Remove(function);
        sizes[function] = size;
        return size;
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static string Describe(long count) => count == long.MaxValue ? "more than 9.2e18" : count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
