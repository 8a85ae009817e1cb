using OnnxKit.Exporter.Initialization;
using OnnxKit.Ir;
using OnnxKit.Reference;
using OnnxKit.Runtime;
using OnnxKit.ShapeInference;
using OnnxKit.Training.Gradients;
using OnnxKit.Training.Graphs;
using OnnxKit.Training.TrainingForms;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Tests.Gradients;

/// <summary>
/// Builds a <see cref="GradientCase"/>'s one-node model and computes the gradient of
/// L = Σ y ⊙ r (r a fixed random upstream gradient) three ways: OnnxKit's gradient graph run
/// on ONNX Runtime in float32 (<see cref="Ours"/>), central finite differences of the model
/// evaluated in float64 by the reference evaluator (<see cref="FiniteDifferences"/>), and
/// (in <c>TorchGradients</c>) PyTorch's autograd.
/// </summary>
public static class GradientHarness
{
    /// <summary>The seeded values of every input and of the upstream gradient ("__upstream__").</summary>
    public static Dictionary<string, double[]> Values(GradientCase c)
    {
        var values = new Dictionary<string, double[]>();
        foreach (var input in c.Inputs)
        {
            if (input.Values is not null) { values[input.Name] = input.Values; continue; }
            var random = new SeededRandom(SeededRandom.HashName(c.Name), SeededRandom.HashName(input.Name));
            long count = input.Dims.Aggregate(1L, (a, b) => a * b);
            values[input.Name] = Enumerable.Range(0, (int)count).Select(_ => input.Kind == InputKind.Differentiable
                ? 2 * random.NextDouble() - 1
                : 0.5 + 1.5 * random.NextDouble()).ToArray();
        }
        var upstream = new SeededRandom(SeededRandom.HashName(c.Name), 7);
        values["__upstream__"] = Enumerable.Range(0, (int)OutputDims(c).Aggregate(1L, (a, b) => a * b)).Select(_ => 2 * upstream.NextDouble() - 1).ToArray();
        return values;
    }

    /// <summary>The case's model: graph inputs for the differentiated inputs and statistics, initializers for constants, one node with output "y".</summary>
    public static Model Forward(GradientCase c, DataType type, bool trainingModeAttribute = false)
    {
        var graph = new Graph(c.Name);
        var values = Values(c);
        var inputs = new List<Value?>();
        foreach (var input in c.Inputs)
        {
            if (input.Kind == InputKind.Int64Constant)
                inputs.Add(graph.AddInitializer(input.Name, DenseTensor.FromInt64s(values[input.Name].Select(v => (long)v).ToArray(), input.Dims)));
            else if (input.Kind == InputKind.FloatConstant)
                inputs.Add(graph.AddInitializer(input.Name, Tensor(values[input.Name], input.Dims, type)));
            else
            {
                var value = new Value(input.Name, new TensorType(type, Shape.Of(input.Dims)));
                graph.Inputs.Add(value);
                inputs.Add(value);
            }
        }
        var attributes = c.Attributes.ToList();
        string[] outputs = ["y"];
        if (trainingModeAttribute && c.OpType == "BatchNormalization")
        {
            attributes.Add(Attribute.Int("training_mode", 1));
            outputs = ["y", "running_mean", "running_var"];
        }
        var node = new Node("", c.OpType, inputs, outputs, attributes, "op");
        graph.Nodes.Add(node);
        graph.Outputs.Add(node.Outputs[0]);
        var model = new Model(graph, 8, [new OpsetImport("", StepGraphBuilder.Opset)]);
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        return model;
    }

    /// <summary>The static shape of output "y".</summary>
    public static long[] OutputDims(GradientCase c)
    {
        var graph = new Graph(c.Name);
        var inputs = c.Inputs.Select(input => input.Kind == InputKind.Int64Constant
            ? graph.AddInitializer(input.Name, DenseTensor.FromInt64s(input.Values!.Select(v => (long)v).ToArray(), input.Dims))
            : graph.AddInitializer(input.Name, Tensor(new double[input.Dims.Aggregate(1L, (a, b) => a * b)], input.Dims, DataType.Float))).ToList<Value?>();
        var node = new Node("", c.OpType, inputs, ["y"], c.Attributes, "op");
        graph.Nodes.Add(node);
        graph.Outputs.Add(node.Outputs[0]);
        ShapeInferer.Infer(new Model(graph, 8, [new OpsetImport("", StepGraphBuilder.Opset)]), new ShapeInferenceOptions { WriteValueInfo = false });
        return node.Outputs[0].TensorType?.Shape?.ToSizes() ?? throw new InvalidOperationException($"{c.Name}: the output shape is unknown.");
    }

    /// <summary>
    /// OnnxKit's gradients, by input name, from the training pipeline's own pieces (training
    /// form, backpropagation) run on ONNX Runtime; with the updated running statistics
    /// ("name/next") when the case trains a BatchNormalization.
    /// </summary>
    public static Dictionary<string, float[]> Ours(GradientCase c)
    {
        var model = Forward(c, DataType.Float);
        var graph = model.Graph;
        var emitter = new GraphEmitter(graph);
        var statistics = TrainingFormRewriter.Rewrite(emitter, seed: 1);
        var y = graph.Outputs[0];
        graph.Outputs.Clear();
        var upstream = emitter.AddInput("__upstream__", DataType.Float, OutputDims(c).Select(d => Dim.Of(d)).ToArray());
        var loss = emitter.Op("ReduceSum", [emitter.Mul(y, upstream)], Attribute.Int("keepdims", 0));
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        var wrt = graph.Inputs.Where(i => c.Inputs.Any(input => input.Name == i.Name && input.IsDifferentiated)).ToArray();
        var gradients = Backpropagation.Gradients(emitter, loss, wrt);
        for (int i = 0; i < wrt.Length; i++) emitter.AddOutput(gradients[i], "grad:" + wrt[i].Name);
        foreach (var update in statistics) emitter.AddOutput(update.Updated, update.Statistic.Name + "/next");
        TrainingOpLowering.Lower(emitter);

        var values = Values(c);
        using var session = OnnxSession.FromModel(model);
        var feeds = graph.Inputs.ToDictionary(i => i.Name, i => (ITensor)DenseTensor.FromFloats(values[i.Name].Select(v => (float)v).ToArray(), i.TensorType!.Shape!.ToSizes()));
        var outputs = session.Run(feeds);
        return outputs.ToDictionary(o => o.Key.StartsWith("grad:", StringComparison.Ordinal) ? o.Key[5..] : o.Key, o => o.Value.ToArray<float>());
    }

    /// <summary>Central differences of L = Σ y ⊙ r in float64 (reference evaluator), by differentiated input name.</summary>
    public static Dictionary<string, double[]> FiniteDifferences(GradientCase c, double step = 1e-6)
    {
        var model = Forward(c, DataType.Double, trainingModeAttribute: c.Train);
        var backend = new ReferenceModelBackend(model);
        var values = Values(c);
        var upstream = values["__upstream__"];
        var feeds = c.Inputs.Where(i => i.IsGraphInput).ToDictionary(i => i.Name, i => values[i.Name].ToArray());
        double Loss()
        {
            var inputs = c.Inputs.Where(i => i.IsGraphInput).ToDictionary(i => i.Name, i => Tensor(feeds[i.Name], i.Dims, DataType.Double));
            var y = backend.Run(inputs)["y"].ToArray<double>();
            double sum = 0;
            for (int k = 0; k < y.Length; k++) sum += y[k] * upstream[k];
            return sum;
        }
        var result = new Dictionary<string, double[]>();
        foreach (var input in c.Inputs.Where(i => i.IsDifferentiated))
        {
            var x = feeds[input.Name];
            var gradient = new double[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                double original = x[k];
                x[k] = original + step;
                double plus = Loss();
                x[k] = original - step;
                double minus = Loss();
                x[k] = original;
                gradient[k] = (plus - minus) / (2 * step);
            }
            result[input.Name] = gradient;
        }
        return result;
    }

    private static ITensor Tensor(double[] values, long[] dims, DataType type) => type == DataType.Double
        ? DenseTensor.FromArray(DataType.Double, values, dims)
        : DenseTensor.FromFloats(values.Select(v => (float)v).ToArray(), dims);
}
