using OnnxKit.Ir;
using OnnxKit.ShapeInference;
using OnnxKit.Training.Gradients;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.TrainingForms;

namespace OnnxKit.Training.Graphs;

/// <summary>
/// Builds, from a model's forward (inference) graph, the one ONNX graph a training step runs
/// and the graph an evaluation pass runs. The training step is:
/// <list type="number">
/// <item>the forward graph in training form (<see cref="TrainingFormRewriter"/>), with the
/// trainable weights and running statistics turned from initializers into inputs;</item>
/// <item>the loss and the metrics over the model's output and the target inputs;</item>
/// <item>the gradients of the mean loss with respect to every trainable weight
/// (<see cref="Backpropagation"/>) and their squared norms;</item>
/// <item>the optimizer's update of each weight and its slots, with the learning rate and step
/// number as inputs;</item>
/// </list>
/// and its outputs are the loss, the metric sums, the gradient norms and the next value of every
/// state tensor. Everything is standard ONNX at opset <see cref="Opset"/>.
/// </summary>
internal static class StepGraphBuilder
{
    /// <summary>The opset of forward and training graphs (ReduceMean still takes its axes as an attribute; ScatterElements adds).</summary>
    public const int Opset = 17;

    /// <summary>The training-step graph.</summary>
    public static StepGraph Training(Model forward, TrainingSpec spec)
    {
        var p = Prepare(forward, spec);
        var e = p.Emitter;
        ShapeInferer.Infer(p.Model, new ShapeInferenceOptions { WriteValueInfo = false });
        var statistics = TrainingFormRewriter.Rewrite(e, spec.Seed);
        var (loss, metrics, data) = AddLossAndMetrics(p, spec);
        ShapeInferer.Infer(p.Model, new ShapeInferenceOptions { WriteValueInfo = false });

        var gradients = Backpropagation.Gradients(e, loss, p.Weights);
        e.Scope = "optimizer";
        var state = new List<StateTensor>();
        var norms = gradients.Select(g => e.Reshape(e.Op("ReduceSumSquare", [g], Ir.Attribute.Int("keepdims", 1)), [1])).ToArray();
        var learningRate = e.AddInput("learning_rate", DataType.Float);
        var step = e.AddInput("step", DataType.Float);
        for (int i = 0; i < p.Weights.Count; i++)
        {
            var weight = p.Weights[i];
            var slots = spec.Optimizer.Slots.Select(slot => e.AddInput($"{weight.Name}/{slot}", DataType.Float, [.. weight.TensorType!.Shape!])).ToArray();
            var (next, nextSlots) = spec.Optimizer.Update(e, weight, gradients[i], slots, learningRate, step);
            state.Add(Carry(e, weight, next, p.Initial[weight], StateKind.Weight, weight.Name));
            for (int s = 0; s < slots.Length; s++)
                state.Add(Carry(e, slots[s], nextSlots[s], Zeros(p.Initial[weight]), StateKind.Slot, weight.Name));
        }
        foreach (var update in statistics)
            state.Add(Carry(e, update.Statistic, update.Updated, p.Initial[update.Statistic], StateKind.Statistic, update.Statistic.Name));
        foreach (var statistic in p.Statistics.Where(s => statistics.All(u => u.Statistic != s)))
            state.Add(Carry(e, statistic, statistic, p.Initial[statistic], StateKind.Statistic, statistic.Name));
        var gradientNorms = e.AddOutput(e.Op("Concat", [.. norms], Ir.Attribute.Int("axis", 0)), "gradient_norms");
        TrainingOpLowering.Lower(e);
        return new StepGraph
        {
            Model = p.Model, State = state, Data = data, LearningRate = learningRate.Name, Step = step.Name,
            Loss = loss.Name, Metrics = metrics, GradientNorms = gradientNorms.Name,
        };
    }

    /// <summary>The evaluation graph: the forward graph in inference form, loss and metrics, weights and statistics as inputs.</summary>
    public static StepGraph Evaluation(Model forward, TrainingSpec spec)
    {
        var p = Prepare(forward, spec);
        var (loss, metrics, data) = AddLossAndMetrics(p, spec);
        var state = p.Weights.Select(w => new StateTensor(w.Name, w.Name, p.Initial[w], StateKind.Weight, w.Name))
            .Concat(p.Statistics.Select(s => new StateTensor(s.Name, s.Name, p.Initial[s], StateKind.Statistic, s.Name)))
            .ToArray();
        return new StepGraph { Model = p.Model, State = state, Data = data, Loss = loss.Name, Metrics = metrics };
    }

    /// <summary>A forward model copied for training: its weights and statistics made inputs, its outputs cleared.</summary>
    private sealed record Prepared(Model Model, GraphEmitter Emitter, IReadOnlyList<Value> Weights, IReadOnlyList<Value> Statistics,
        IReadOnlyDictionary<Value, ITensor> Initial, Value Prediction, DataInput ModelInput);

    private static Prepared Prepare(Model forward, TrainingSpec spec)
    {
        if (forward.OpsetVersion("") != Opset)
            throw new OnnxKitException($"Training graphs are built from models at opset {Opset}; this one imports opset {forward.OpsetVersion("")?.ToString() ?? "none"}.");
        var model = forward.Clone();
        var graph = model.Graph;
        if (graph.Outputs.Count != 1) throw new OnnxKitException($"Training needs a model with one output; '{graph.Name}' has {graph.Outputs.Count}.");
        var realInputs = graph.Inputs.Where(i => !graph.Initializers.Contains(i.Name)).ToArray();
        if (realInputs.Length != 1) throw new OnnxKitException($"Training needs a model with one input; '{graph.Name}' has {realInputs.Length}.");
        foreach (var weight in graph.Inputs.Where(i => graph.Initializers.Contains(i.Name)).ToArray()) graph.Inputs.Remove(weight);
        graph.ValueInfo.Clear();

        var initial = new Dictionary<Value, ITensor>();
        Value[] Lift(IEnumerable<string> names) => names.Select(name =>
        {
            var constant = graph.Initializers[name] ?? throw new OnnxKitException($"The model has no weight named '{name}'.");
            var input = new Value(name, constant.Type);
            constant.ReplaceAllUsesWith(input, replaceGraphOutputs: true);
            graph.Initializers.Remove(constant);
            graph.Inputs.Add(input);
            initial[input] = constant.ConstValue!;
            return input;
        }).ToArray();
        var weights = Lift(spec.Trainable);
        if (weights.Length == 0) throw new OnnxKitException($"Model '{graph.Name}' has no trainable weights.");
        var statistics = Lift(spec.Statistics.Where(name => IsBatchNormStatistic(graph.Initializers[name])));

        var input = realInputs[0];
        var inputType = input.TensorType ?? throw new OnnxKitException($"Input '{input.Name}' is not a tensor.");
        var exampleDims = inputType.Shape?.Skip(1).Select(d => d.Value ?? throw new OnnxKitException($"Input '{input.Name}' must have a fixed shape besides the batch axis; it is {inputType.Shape}.")).ToArray()
            ?? throw new OnnxKitException($"Input '{input.Name}' has no shape.");
        var prediction = graph.Outputs[0];
        graph.Outputs.Clear();
        return new Prepared(model, new GraphEmitter(graph), weights, statistics, initial, prediction,
            new DataInput(input.Name, inputType.ElementType, exampleDims, null));
    }

    /// <summary>Whether the initializer is read as a running mean or variance (inputs 3 and 4) of a BatchNormalization node.</summary>
    private static bool IsBatchNormStatistic(Value? initializer) =>
        initializer is not null && initializer.Uses.Any(u => u.Node.OpType == "BatchNormalization" && u.InputIndex is 3 or 4);

    private static (Value Loss, IReadOnlyList<string> Metrics, IReadOnlyList<DataInput> Data) AddLossAndMetrics(Prepared p, TrainingSpec spec)
    {
        var e = p.Emitter;
        e.Scope = "loss";
        var batch = p.Prediction.TensorType?.Shape is { Rank: > 0 } shape ? shape[0] : Dim.Named("batch");
        var outputDims = p.Prediction.TensorType?.Shape?.Skip(1).Select(d => d.Value ?? throw new OnnxKitException($"Output '{p.Prediction.Name}' must have a fixed shape besides the batch axis.")).ToArray()
            ?? throw new OnnxKitException($"Output '{p.Prediction.Name}' has no shape.");
        var targets = new Dictionary<TargetKind, Value>();
        var data = new List<DataInput> { p.ModelInput };
        foreach (var kind in spec.Loss.Targets)
        {
            var (name, type, dims) = kind switch
            {
                TargetKind.Labels => ("labels", DataType.Int64, Array.Empty<long>()),
                TargetKind.Dense => ("targets", DataType.Float, outputDims),
                _ => ("soft_targets", DataType.Float, outputDims),
            };
            targets[kind] = e.AddInput(name, type, [batch, .. dims.Select(d => Dim.Of(d))]);
            data.Add(new DataInput(targets[kind].Name, type, dims, kind));
        }
        var context = new LossContext(e, p.Prediction, targets);
        var perExample = spec.Loss.Build(context);
        var loss = e.AddOutput(e.ReduceMean(perExample, [0], keepDims: false), "loss");
        e.Scope = "metrics";
        var metrics = spec.Metrics.Select(m => e.AddOutput(m.Build(context, spec.Loss), $"{m.Name}_sum").Name).ToArray();
        return (loss, metrics, data);
    }

    /// <summary>Declares <paramref name="input"/> carried to <paramref name="next"/>, a new graph output.</summary>
    private static StateTensor Carry(GraphEmitter e, Value input, Value next, ITensor initial, StateKind kind, string weight)
    {
        var output = e.AddOutput(next, input.Name + "/next");
        return new StateTensor(input.Name, output.Name, initial, kind, weight);
    }

    private static DenseTensor Zeros(ITensor like) => new(DataType.Float, like.Dims, new byte[like.ByteCount]);
}
