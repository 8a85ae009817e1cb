using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Sample.Service.Tests.TestSupport;

/// <summary>Small models with the structures services meet: carried state with a sample rate, and integer and bool inputs.</summary>
public static class ServiceModels
{
    /// <summary>
    /// Shaped like Silero VAD v5 (inputs <c>input</c> float[N,4], <c>state</c> float[2,1,4] with a fixed
    /// first dim, <c>sr</c> an int64 scalar; outputs <c>output</c> and <c>stateN</c>), so it cannot be
    /// batched dynamically. With k = sr / 16000: output = (input + state[0] + state[1]) · k, stateN = state + k.
    /// </summary>
    public static Model Stateful()
    {
        var graph = new Graph("stateful");
        var input = new Value("input", new TensorType(DataType.Float, new Shape(Dim.Named("N"), 4)));
        var state = new Value("state", new TensorType(DataType.Float, Shape.Of(2, 1, 4)));
        var sr = new Value("sr", new TensorType(DataType.Int64, Shape.Of()));
        graph.Inputs.AddRange([input, state, sr]);
        var axes = graph.AddInitializer("axes", DenseTensor.FromInt64s([0], [1], "axes"));
        var rate = graph.AddInitializer("rate", DenseTensor.FromFloats([16000f], [], "rate"));
        var cast = new Node("", "Cast", [sr], ["srf"], [Attribute.Int("to", (long)DataType.Float)]);
        var scale = new Node("", "Div", [cast.Outputs[0], rate], ["k"]);
        var summed = new Node("", "ReduceSum", [state, axes], ["s"], [Attribute.Int("keepdims", 0)]);
        var add = new Node("", "Add", [input, summed.Outputs[0]], ["sum"]);
        var output = new Node("", "Mul", [add.Outputs[0], scale.Outputs[0]], ["output"]);
        var next = new Node("", "Add", [state, scale.Outputs[0]], ["stateN"]);
        graph.Nodes.AddRange([cast, scale, summed, add, output, next]);
        output.Outputs[0].Type = new TensorType(DataType.Float, new Shape(Dim.Named("N"), 4));
        next.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(2, 1, 4));
        graph.Outputs.AddRange([output.Outputs[0], next.Outputs[0]]);
        return new Model(graph, 8, [new OpsetImport("", 13)]) { ProducerName = "onnxkit-tests" };
    }

    /// <summary>y = Cast(x, float) · Cast(mask, float) for x: int64[N,3], mask: bool[N,3].</summary>
    public static Model IntegerAndBool()
    {
        var graph = new Graph("typed");
        var x = new Value("x", new TensorType(DataType.Int64, new Shape(Dim.Named("N"), 3)));
        var mask = new Value("mask", new TensorType(DataType.Bool, new Shape(Dim.Named("N"), 3)));
        graph.Inputs.AddRange([x, mask]);
        var xf = new Node("", "Cast", [x], ["xf"], [Attribute.Int("to", (long)DataType.Float)]);
        var mf = new Node("", "Cast", [mask], ["mf"], [Attribute.Int("to", (long)DataType.Float)]);
        var y = new Node("", "Mul", [xf.Outputs[0], mf.Outputs[0]], ["y"]);
        graph.Nodes.AddRange([xf, mf, y]);
        y.Outputs[0].Type = new TensorType(DataType.Float, new Shape(Dim.Named("N"), 3));
        graph.Outputs.Add(y.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 13)]) { ProducerName = "onnxkit-tests" };
    }
}
