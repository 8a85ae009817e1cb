using OnnxKit.Ir.Building;
using OnnxKit.ShapeInference;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>Shape inference over a graph being built in a test.</summary>
internal static class Inference
{
    /// <summary>Infers the types of the builder's graph, as a model at the builder's opset.</summary>
    public static ShapeInferenceReport Infer(this GraphBuilder builder, ShapeInferenceOptions? options = null) =>
        ShapeInferer.Infer(builder.ToModel(), options);
}
