using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.Execution;

/// <summary>
/// Runs a training-step graph and its evaluation graph on ONNX Runtime with every weight,
/// optimizer slot and running statistic kept in native tensors for the whole run. Each state
/// tensor has two buffers: a step reads the current one and writes the other, and only a step
/// whose loss and gradients are finite makes the written buffers current (so a failed step
/// leaves the last good weights in place). Both buffer sets are bound once, in two IOBindings
/// per batch size, so a step is one native call with no managed allocation or copy of weights;
/// the only per-step copies are the batch's examples into their input buffers.
/// </summary>
internal sealed class TrainingSession : IDisposable
{
    private readonly StepGraph train;
    private readonly StepGraph evaluation;
    private readonly OnnxSession trainSession;
    private readonly OnnxSession evaluationSession;
    private readonly NativeTensor[][] state;
    private readonly NativeTensor learningRate;
    private readonly NativeTensor stepNumber;
    private readonly NativeTensor loss;
    private readonly NativeTensor[] metricSums;
    private readonly NativeTensor? gradientNorms;
    private readonly Dictionary<int, BatchBindings> bindings = [];
    private int current;

    public TrainingSession(StepGraph train, StepGraph evaluation, SessionSettings settings)
    {
        this.train = train;
        this.evaluation = evaluation;
        var disposables = new List<IDisposable>();
        try
        {
            trainSession = OnnxSession.FromModel(train.Model, settings);
            disposables.Add(trainSession);
            evaluationSession = OnnxSession.FromModel(evaluation.Model, settings);
            disposables.Add(evaluationSession);
            state = [Allocate(disposables, copyInitial: true), Allocate(disposables, copyInitial: false)];
            learningRate = Track(disposables, NativeTensor.Zeros(DataType.Float, [], "learning_rate"));
            stepNumber = Track(disposables, NativeTensor.Zeros(DataType.Float, [], "step"));
            loss = Track(disposables, NativeTensor.Zeros(DataType.Float, [], "loss"));
            metricSums = train.Metrics.Select(m => Track(disposables, NativeTensor.Zeros(DataType.Float, [], m))).ToArray();
            gradientNorms = Track(disposables, NativeTensor.Zeros(DataType.Float, [train.Weights.Count], "gradient_norms"));
        }
        catch
        {
            foreach (var item in disposables) item.Dispose();
            throw;
        }
    }

    /// <summary>The data inputs, in the order <see cref="Feed"/> indexes them.</summary>
    public IReadOnlyList<DataInput> Data => train.Data;

    /// <summary>The training graph.</summary>
    public StepGraph TrainGraph => train;

    /// <summary>The names of the metrics' outputs, in order.</summary>
    public int MetricCount => metricSums.Length;

    /// <summary>The input buffers for a batch of <paramref name="batchSize"/> examples, in <see cref="Data"/> order.</summary>
    public IReadOnlyList<NativeTensor> Feed(int batchSize) => Bindings(batchSize).Data;

    /// <summary>
    /// Runs one training step on the batch in <see cref="Feed"/>(<paramref name="batchSize"/>)
    /// and, when its loss and gradients are finite, makes the updated state current.
    /// </summary>
    public StepResult TrainStep(int batchSize, float rate, long step)
    {
        var b = Bindings(batchSize);
        learningRate.Span<float>()[0] = rate;
        stepNumber.Span<float>()[0] = step;
        b.Train[current].Run();
        float lossValue = loss.Span<float>()[0];
        var norms = gradientNorms!.Span<float>();
        int bad = -1;
        for (int i = 0; i < norms.Length && bad < 0; i++)
        {
            if (!float.IsFinite(norms[i])) bad = i;
        }
        if (!float.IsFinite(lossValue)) return new StepResult(lossValue, [], "the loss", lossValue);
        if (bad >= 0) return new StepResult(lossValue, [], $"the squared norm of the gradient of '{train.Weights[bad]}'", norms[bad]);
        current ^= 1;
        return new StepResult(lossValue, metricSums.Select(m => m.Span<float>()[0]).ToArray(), null, 0);
    }

    /// <summary>Evaluates the batch in <see cref="Feed"/>(<paramref name="batchSize"/>) with the current weights (inference mode): its mean loss and metric sums.</summary>
    public (float Loss, float[] MetricSums) Evaluate(int batchSize)
    {
        var b = Bindings(batchSize);
        b.Evaluation[current].Run();
        return (b.EvaluationLoss.Span<float>()[0], b.EvaluationMetrics.Select(m => m.Span<float>()[0]).ToArray());
    }

    /// <summary>A copy of the current value of every weight and statistic, by weight name.</summary>
    public IReadOnlyDictionary<string, ITensor> ReadWeights()
    {
        var result = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        for (int i = 0; i < train.State.Count; i++)
        {
            var s = train.State[i];
            if (s.Kind != StateKind.Slot) result[s.Weight] = state[current][i].ToTensor(s.Weight);
        }
        return result;
    }

    /// <summary>A copy of the whole current state (weights, slots, statistics), in the training graph's state order.</summary>
    public IReadOnlyList<ITensor> Snapshot() => state[current].Select(t => (ITensor)t.ToTensor()).ToArray();

    /// <summary>Makes <paramref name="snapshot"/> (from <see cref="Snapshot"/>) the current state.</summary>
    public void Restore(IReadOnlyList<ITensor> snapshot)
    {
        for (int i = 0; i < snapshot.Count; i++) state[current][i].CopyFrom(snapshot[i]);
    }

    /// <summary>Releases both sessions, every binding and every native tensor.</summary>
    public void Dispose()
    {
        foreach (var b in bindings.Values) b.Dispose();
        foreach (var set in state)
        {
            foreach (var tensor in set) tensor.Dispose();
        }
        foreach (var tensor in new[] { learningRate, stepNumber, loss, gradientNorms! }.Concat(metricSums)) tensor.Dispose();
        trainSession.Dispose();
        evaluationSession.Dispose();
    }

    private NativeTensor[] Allocate(List<IDisposable> disposables, bool copyInitial) => train.State.Select(s =>
        Track(disposables, copyInitial ? NativeTensor.From(s.Initial, s.Input) : NativeTensor.Zeros(s.Initial.DataType, s.Initial.Dims, s.Output))).ToArray();

    private static NativeTensor Track(List<IDisposable> disposables, NativeTensor tensor)
    {
        disposables.Add(tensor);
        return tensor;
    }

    private BatchBindings Bindings(int batchSize)
    {
        if (!bindings.TryGetValue(batchSize, out var b))
        {
            b = new BatchBindings(this, batchSize);
            bindings[batchSize] = b;
        }
        return b;
    }

    /// <summary>The data buffers for one batch size and the four bindings that use them (train and evaluate, from either state buffer).</summary>
    private sealed class BatchBindings : IDisposable
    {
        public BatchBindings(TrainingSession owner, int batchSize)
        {
            Data = owner.train.Data.Select(d => NativeTensor.Zeros(d.ElementType, [batchSize, .. d.ExampleDims], d.Name)).ToArray();
            EvaluationLoss = NativeTensor.Zeros(DataType.Float, [], "loss");
            EvaluationMetrics = owner.evaluation.Metrics.Select(m => NativeTensor.Zeros(DataType.Float, [], m)).ToArray();
            Train = [TrainBinding(owner, 0), TrainBinding(owner, 1)];
            Evaluation = [EvaluationBinding(owner, 0), EvaluationBinding(owner, 1)];
        }

        public NativeTensor[] Data { get; }

        public ExplicitBinding[] Train { get; }

        public ExplicitBinding[] Evaluation { get; }

        public NativeTensor EvaluationLoss { get; }

        public NativeTensor[] EvaluationMetrics { get; }

        private ExplicitBinding TrainBinding(TrainingSession owner, int from)
        {
            var g = owner.train;
            var binding = owner.trainSession.CreateBinding();
            for (int i = 0; i < g.State.Count; i++)
            {
                binding.BindInput(g.State[i].Input, owner.state[from][i]);
                binding.BindOutput(g.State[i].Output, owner.state[from ^ 1][i]);
            }
            BindData(binding, g);
            binding.BindInput(g.LearningRate!, owner.learningRate);
            binding.BindInput(g.Step!, owner.stepNumber);
            binding.BindOutput(g.Loss, owner.loss);
            for (int m = 0; m < g.Metrics.Count; m++) binding.BindOutput(g.Metrics[m], owner.metricSums[m]);
            binding.BindOutput(g.GradientNorms!, owner.gradientNorms!);
            return binding;
        }

        private ExplicitBinding EvaluationBinding(TrainingSession owner, int from)
        {
            var g = owner.evaluation;
            var binding = owner.evaluationSession.CreateBinding();
            var trainState = owner.train.State;
            for (int i = 0; i < trainState.Count; i++)
            {
                if (trainState[i].Kind != StateKind.Slot) binding.BindInput(trainState[i].Input, owner.state[from][i]);
            }
            BindData(binding, g);
            binding.BindOutput(g.Loss, EvaluationLoss);
            for (int m = 0; m < g.Metrics.Count; m++) binding.BindOutput(g.Metrics[m], EvaluationMetrics[m]);
            return binding;
        }

        private void BindData(ExplicitBinding binding, StepGraph g)
        {
            foreach (var input in g.Data) binding.BindInput(input.Name, Data.First(d => d.Name == input.Name));
        }

        public void Dispose()
        {
            foreach (var binding in Train.Concat(Evaluation)) binding.Dispose();
            foreach (var tensor in Data.Append(EvaluationLoss).Concat(EvaluationMetrics)) tensor.Dispose();
        }
    }
}
