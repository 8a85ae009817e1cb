using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Cleanup;

/// <summary>
/// Merges initializers of one graph that hold the same element type, dims and bytes: every use
/// of a later copy reads the first one instead, and the copy is dropped.
/// </summary>
/// <remarks>
/// Only tensors of the same graph are merged. Initializers that are overridable graph inputs
/// (IR 4 and later) or graph outputs keep their identity, and string tensors are left alone. Bytes
/// are compared in full, only between tensors whose type and dims already agree.
/// </remarks>
public sealed class DuplicateInitializerPass : Pass
{
    /// <inheritdoc/>
    public override string Name => "deduplicate-initializers";

    /// <inheritdoc/>
    public override string Description => "Merge initializers with identical type, shape and contents.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    public override PassResult Run(Model model, PassContext context)
    {
        var models = new ModelContext(model, context, Name);
        bool modified = false;
        foreach (var graph in models.Graphs())
        {
            var candidates = graph.Graph.Initializers
                .Where(v => !models.IsOverridable(v) && !v.IsGraphOutput && v.ConstValue!.DataType != DataType.String)
                .GroupBy(v => (v.ConstValue!.DataType, Dims: string.Join(",", v.ConstValue!.Dims)))
                .Where(g => g.Count() > 1);
            foreach (var group in candidates.ToList())
            {
                var kept = new List<Value>();
                foreach (var value in group)
                {
                    var same = kept.Find(k => SameBytes(k.ConstValue!, value.ConstValue!));
                    if (same is null)
                    {
                        kept.Add(value);
                        continue;
                    }
                    value.ReplaceAllUsesWith(same);
                    graph.RemoveInitializer(value);
                    modified = true;
                }
            }
        }
        return new PassResult(model, modified);
    }

    private static bool SameBytes(ITensor a, ITensor b) =>
        a.ByteCount == b.ByteCount && a.GetRawData().Span.SequenceEqual(b.GetRawData().Span);
}
