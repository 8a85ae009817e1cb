using OnnxKit.Ir;
using OnnxKit.Ir.Building;

namespace OnnxKit.Reference.Tests;

/// <summary>Small models for the evaluator's tests, written with <see cref="GraphBuilder"/>.</summary>
internal static class TestGraphs
{
    /// <summary>A model of one node <paramref name="op"/> reading fresh float32 inputs <c>x0</c>, <c>x1</c>, ... of the given shapes and producing one output.</summary>
    public static Model SingleNode(string op, IEnumerable<Ir.Attribute>? attributes, int opset, params long[][] inputShapes)
    {
        var g = new GraphBuilder(opset, op);
        var inputs = inputShapes.Select((dims, i) => g.Input($"x{i}", dims.Select(d => (Dim)d).ToArray())).ToList();
        g.Output(g.AddNode(op, inputs, attributes, outputNames: ["y"]).Outputs[0]);
        return g.ToModel(10);
    }

    /// <summary>The float32 elements of an output.</summary>
    public static float[] Floats(RuntimeValue value) => ((TensorValue)value).AsSpan<float>().ToArray();
}
