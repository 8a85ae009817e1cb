using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// Adds named intermediate tensors as graph outputs under their own names (hint layers for
/// feature distillation, FitNets-style), keeping the original outputs. Used by distill-prep's
/// <c>--expose</c>; not registered, as it has nothing to do without names.
/// </summary>
/// <param name="tensors">The names of the tensors to expose.</param>
public sealed class ExposeTensorsPass(IReadOnlyList<string> tensors) : Pass
{
    /// <inheritdoc/>
    public override string Name => "expose-tensors";

    /// <inheritdoc/>
    public override string Description => "Distillation prep: add the named intermediate tensors as outputs (hint layers).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Explicit;

    /// <inheritdoc/>
    /// <exception cref="OnnxKitException">A name is not a tensor computed by the main graph; the message lists a few that are.</exception>
    public override PassResult Run(Model model, PassContext context)
    {
        var graph = model.Graph;
        var computed = graph.Nodes.SelectMany(n => n.Outputs).Where(v => v.Name.Length > 0).ToDictionary(v => v.Name, StringComparer.Ordinal);
        bool modified = false;
        foreach (string name in tensors)
        {
            if (!computed.TryGetValue(name, out var value))
            {
                throw new OnnxKitException($"--expose: the model computes no tensor named '{name}'" +
                    $" (some it does compute: {string.Join(", ", computed.Keys.Take(8).Select(k => $"'{k}'"))}).");
            }
            if (graph.Outputs.Contains(value)) continue;
            graph.Outputs.Add(value);
            modified = true;
        }
        return new PassResult(model, modified);
    }
}
