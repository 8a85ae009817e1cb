using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// The state a pass shares across one model while it rewrites it: the pass context, a name
/// allocator, and which values are graph inputs. From IR version 4 an initializer that is also a
/// graph input is a default the caller may override, so it is not a constant; before IR 4 every
/// initializer had to be listed as an input, so there the listing means nothing and initializers
/// are constants (as ONNX's own tools treat them).
/// </summary>
public sealed class ModelContext
{
    private NameAllocator? names;

    /// <summary>Prepares to rewrite <paramref name="model"/> under <paramref name="pass"/>'s settings.</summary>
    public ModelContext(Model model, PassContext pass, string passName)
    {
        Model = model;
        Pass = pass;
        PassName = passName;
    }

    /// <summary>The model being rewritten.</summary>
    public Model Model { get; }

    /// <summary>The pipeline's settings and services.</summary>
    public PassContext Pass { get; }

    /// <summary>The running pass, for trace lines.</summary>
    public string PassName { get; }

    /// <summary>Unused names, allocated on first use.</summary>
    public NameAllocator Names => names ??= new NameAllocator(Model);

    /// <summary>The ai.onnx opset the main graph imports (1 when it imports none).</summary>
    public long DefaultOpset => Model.OpsetVersion("") ?? 1;

    /// <summary>True for IR versions before 4, where every initializer of the main graph must also be a graph input.</summary>
    public bool InitializersAreInputs => Model.IrVersion < 4;

    /// <summary>True when <paramref name="value"/> may be fed at run time: a graph input, unless it is an initializer of a pre-IR-4 model.</summary>
    public bool IsOverridable(Value value) => value.IsGraphInput && !(InitializersAreInputs && value.ConstValue is not null);

    /// <summary>Writes a trace line explaining why a rewrite was not made.</summary>
    public void Trace(Node node, string reason) => Pass.Trace?.Invoke($"{PassName}: {Describe(node)}: {reason}");

    /// <summary>
    /// Every graph a pass should visit, with its opset and owner: the main graph and its subgraphs,
    /// then each function body and its subgraphs. Training graphs are left alone.
    /// </summary>
    public IEnumerable<GraphContext> Graphs()
    {
        foreach (var graph in GraphWalker.SelfAndSubgraphs(Model.Graph).ToList())
            yield return new GraphContext(this, graph, null, DefaultOpset);
        foreach (var function in Model.Functions)
        {
            long opset = function.OpsetImports.Find(o => o.IsDefaultDomain)?.Version ?? DefaultOpset;
            foreach (var graph in GraphWalker.SelfAndSubgraphs(function.Body).ToList())
                yield return new GraphContext(this, graph, function, opset);
        }
    }

    private static string Describe(Node node) =>
        node.Name is { Length: > 0 } name ? $"{node.OpType} '{name}'" : $"{node.OpType} -> {string.Join(",", node.Outputs.Select(o => o.Name))}";
}
