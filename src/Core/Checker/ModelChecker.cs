using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Verifies a model against the ONNX specification and reports every problem it finds at once, each with
/// the path to where it is (see <c>docs/checker.md</c> for the rules and how to read locations).
/// </summary>
/// <remarks>
/// The checks cover what ONNX's own checker verifies (IR version and opset imports, operators known at the
/// imported opset, node arity and attributes against the operator schemas, single static assignment and
/// topological order with subgraph scoping, typed main-graph inputs and outputs, initializer data, model-local
/// functions) and, of its full check, the type constraints of each operator where value types are known.
/// Shapes are not inferred. The model is only read, never changed.
/// </remarks>
public static class ModelChecker
{
    /// <summary>Checks <paramref name="model"/>; the report's <see cref="CheckReport.IsValid"/> is false when any error was found.</summary>
    public static CheckReport Check(Model model, CheckerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var context = new CheckContext(model, options ?? new CheckerOptions());
        var opsets = new OpsetChecker(context);
        opsets.CheckModel();
        var graphs = new GraphChecker(context);
        graphs.CheckMainGraph(model.Graph);
        new FunctionChecker(context, graphs, opsets).CheckAll();
        new FunctionExpansionChecker(context.Problems, context.Options.Limits).Check(model);
        context.ReportCollected();
        return new CheckReport(context.Problems.Items);
    }
}
