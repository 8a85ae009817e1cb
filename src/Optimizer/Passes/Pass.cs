using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// One model-to-model transformation. A pass takes a whole <see cref="Model"/> (functions,
/// subgraphs and opset imports matter to most rewrites) and returns a <see cref="PassResult"/>.
/// Passes are registered by <see cref="Name"/> in a <see cref="PassRegistry"/> and run by a
/// <see cref="PipelineRunner"/>, which checks the <see cref="InPlace"/> declaration.
/// </summary>
/// <remarks>
/// A pass must be deterministic (the same model in gives the same model out, so optimized
/// files are byte-identical run to run), must keep the names of graph inputs and outputs, and
/// must leave the model valid. Each pass's doc comment states its rewrite and the cases it handles.
/// </remarks>
public abstract class Pass
{
    /// <summary>The registry name, in kebab-case (<c>fuse-conv-batchnorm</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One line for <c>--list-passes</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The lowest <see cref="PassLevel"/> whose default pipeline includes this pass.</summary>
    public abstract PassLevel Level { get; }

    /// <summary>
    /// True when the pass mutates the model it is given and returns that same instance; false when
    /// it builds and returns a new model, leaving its input untouched.
    /// </summary>
    public virtual bool InPlace => true;

    /// <summary>Runs the pass once over the model.</summary>
    public abstract PassResult Run(Model model, PassContext context);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
