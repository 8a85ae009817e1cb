using OnnxKit.Ir;
using OnnxKit.Runtime;

namespace OnnxKit.OpsetTests;

/// <summary>Runs a model once on ONNX Runtime's CPU provider and returns every float output, in the graph's order.</summary>
internal static class OrtRunner
{
    public static float[][] Run(Model model, SeededInput[] inputs, OptimizationLevel level)
    {
        using var session = OnnxSession.FromModel(model, new SessionSettings { OptimizationLevel = level });
        var outputs = session.Run(inputs.ToDictionary(i => i.Name, i => (ITensor)DenseTensor.FromFloats(i.Data, i.Shape)));
        return model.Graph.Outputs.Select(o => outputs[o.Name].ToArray<float>()).ToArray();
    }
}
