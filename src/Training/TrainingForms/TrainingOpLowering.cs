using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.TrainingForms;

/// <summary>Replaces every <see cref="TrainingOps"/> node of a graph by the standard ONNX operators that compute it.</summary>
internal static class TrainingOpLowering
{
    /// <summary>Lowers the graph in place.</summary>
    public static void Lower(GraphEmitter emitter)
    {
        string scope = emitter.Scope;
        foreach (var node in emitter.Graph.Nodes.Where(n => n.Domain == TrainingOps.Domain).ToList())
        {
            switch (node.OpType)
            {
                case TrainingOps.BatchNormalization:
                    BatchNormTrainingForm.Lower(emitter, node);
                    break;
                default:
                    throw new InvalidOperationException($"No lowering for {TrainingOps.Domain}::{node.OpType}.");
            }
        }
        emitter.Scope = scope;
    }
}
