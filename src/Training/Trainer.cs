using System.Diagnostics;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Networks;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Training.Callbacks;
using OnnxKit.Training.Execution;
using OnnxKit.Training.Graphs;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.Schedules;

namespace OnnxKit.Training;

using Optimizer = OnnxKit.Training.Optimizers.Optimizer;

/// <summary>
/// The loop behind <see cref="CompiledModel"/>: exports the model's forward graph, builds its
/// training and evaluation graphs once, and runs epochs of shuffled batches through a
/// <see cref="TrainingSession"/>, with callbacks between epochs. The session (weights, optimizer
/// slots, statistics, step count) lives as long as the trainer, so successive fits continue.
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly Network network;
    private readonly Loss loss;
    private readonly Optimizer optimizer;
    private readonly IReadOnlyList<Metric> metrics;
    private readonly TrainingOptions options;
    private long step;
    private int epochsRun;

    public Trainer(Network network, Loss loss, Optimizer optimizer, IReadOnlyList<Metric> metrics, TrainingOptions options)
    {
        (this.network, this.loss, this.optimizer, this.metrics, this.options) = (network, loss, optimizer, metrics, options);
        var forward = network.ToOnnx(new ExportOptions { Opset = StepGraphBuilder.Opset, Seed = options.Seed });
        var weights = network.Weights;
        var spec = new TrainingSpec(loss, optimizer, metrics,
            weights.Where(w => w.IsTrainable).Select(w => w.FullName).ToArray(),
            weights.Where(w => !w.IsTrainable && w.Layer.Trainable).Select(w => w.FullName).ToArray(),
            options.Seed);
        var train = StepGraphBuilder.Training(forward, spec);
        var evaluation = StepGraphBuilder.Evaluation(forward, spec);
        Session = new TrainingSession(train, evaluation, new SessionSettings { IntraOpThreads = options.IntraOpThreads });
        InputDims = train.Data[0].ExampleDims;
    }

    /// <summary>The running session.</summary>
    public TrainingSession Session { get; }

    /// <summary>The shape of one example of the model's input.</summary>
    public IReadOnlyList<long> InputDims { get; }

    /// <summary>The factor callbacks applied to the scheduled rate.</summary>
    public double LearningRateFactor { get; set; } = 1;

    /// <summary>The rate of the last step run.</summary>
    public double LastLearningRate { get; private set; }

    public TrainingHistory Fit(TrainingSet data, int epochs, int batchSize, TrainingSet? validation, IReadOnlyList<Callback> callbacks, LearningRateSchedule? schedule)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"Train for at least one epoch; got {epochs}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"The batch size must be positive; got {batchSize}.");
        Check(data);
        if (validation is not null) Check(validation);
        var context = new TrainingContext(this, network, epochs);
        long stepsPerEpoch = (data.Count + batchSize - 1) / batchSize;
        long totalSteps = stepsPerEpoch * epochs;
        long firstStep = step;
        LastLearningRate = optimizer.LearningRate;
        var history = new List<EpochLogs>();
        foreach (var callback in callbacks) callback.OnTrainBegin(context);
        for (int epoch = 0; epoch < epochs && context.StopReason is null; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var order = Shuffled(data.Count, options.Seed, (ulong)(epochsRun + 1));
            double lossSum = 0;
            var metricSums = new double[metrics.Count];
            int batchNumber = 0;
            for (int start = 0; start < data.Count; start += batchSize)
            {
                int count = Math.Min(batchSize, data.Count - start);
                Fill(data, order.AsSpan(start, count), Session.Feed(count));
                double rate = (schedule?.Rate(optimizer.LearningRate, epoch, step - firstStep, totalSteps) ?? optimizer.LearningRate) * LearningRateFactor;
                LastLearningRate = rate;
                step++;
                batchNumber++;
                var result = Session.TrainStep(count, (float)rate, step);
                if (!result.Succeeded) throw new TrainingDivergedException(step, epochsRun + 1, batchNumber, result.NonFinite!, result.NonFiniteValue);
                lossSum += (double)result.Loss * count;
                for (int m = 0; m < metrics.Count; m++) metricSums[m] += result.MetricSums[m];
            }
            epochsRun++;
            var values = new List<KeyValuePair<string, double>> { new("loss", lossSum / data.Count) };
            values.AddRange(metrics.Select((m, i) => new KeyValuePair<string, double>(m.Name, metricSums[i] / data.Count)));
            if (validation is not null)
            {
                var result = Evaluate(validation, batchSize);
                values.Add(new("val_loss", result.Loss));
                values.AddRange(metrics.Select(m => new KeyValuePair<string, double>("val_" + m.Name, result.Metrics[m.Name])));
            }
            values.Add(new("lr", LastLearningRate));
            var logs = new EpochLogs(epoch + 1, clock.Elapsed, values);
            history.Add(logs);
            foreach (var callback in callbacks) callback.OnEpochEnd(context, logs);
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(context);
        WriteWeightsToModel();
        return new TrainingHistory(history, context.StopReason, step - firstStep);
    }

    public EvaluationResult Evaluate(TrainingSet data, int batchSize)
    {
        Check(data);
        double lossSum = 0;
        var sums = new double[metrics.Count];
        var order = Enumerable.Range(0, data.Count).ToArray();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            Fill(data, order.AsSpan(start, count), Session.Feed(count));
            var (batchLoss, batchSums) = Session.Evaluate(count);
            lossSum += (double)batchLoss * count;
            for (int m = 0; m < sums.Length; m++) sums[m] += batchSums[m];
        }
        return new EvaluationResult(lossSum / data.Count, metrics.Select((m, i) => (m.Name, sums[i] / data.Count)).ToDictionary(p => p.Name, p => p.Item2), data.Count);
    }

    /// <summary>Assigns the session's current weights and statistics to the model's weights.</summary>
    public void WriteWeightsToModel()
    {
        var byName = network.Weights.ToDictionary(w => w.FullName);
        foreach (var (name, tensor) in Session.ReadWeights()) byName[name].Assign(tensor.ToArray<float>());
    }

    public void Dispose() => Session.Dispose();

    /// <summary>Checks that <paramref name="data"/> fits the model and has the targets the loss reads.</summary>
    private void Check(TrainingSet data)
    {
        if (data.Count == 0) throw new OnnxKitException($"'{data.Name}' holds no examples.");
        if (!data.ExampleDims.SequenceEqual(InputDims))
            throw new OnnxKitException($"'{data.Name}' has examples of shape {TensorDims.Format(data.ExampleDims)} but the model '{network.Name}' takes {TensorDims.Format(InputDims)}.");
        foreach (var input in Session.Data.Where(d => d.Target is not null))
        {
            long perExample = input.ExampleDims.Aggregate(1L, (a, b) => a * b);
            bool present = input.Target switch
            {
                TargetKind.Labels => data.Labels is not null,
                TargetKind.Dense => data.Targets is not null && data.TargetDims!.Aggregate(1L, (a, b) => a * b) == perExample,
                _ => data.SoftTargets is not null && data.SoftTargetClasses == perExample,
            };
            if (!present)
                throw new OnnxKitException($"The loss '{loss.Name}' needs {Describe(input.Target!.Value)} of shape {TensorDims.Format(input.ExampleDims)} per example; '{data.Name}' has none that fit.");
        }
    }

    private static string Describe(TargetKind kind) => kind switch
    {
        TargetKind.Labels => "class labels",
        TargetKind.Dense => "float targets",
        _ => "soft targets",
    };

    /// <summary>Copies the examples <paramref name="indices"/> into the batch's input buffers.</summary>
    private void Fill(TrainingSet data, ReadOnlySpan<int> indices, IReadOnlyList<NativeTensor> feeds)
    {
        var inputs = Session.Data;
        for (int f = 0; f < inputs.Count; f++)
        {
            var feed = feeds[f];
            switch (inputs[f].Target)
            {
                case null:
                    CopyRows(data.Inputs, data.ExampleSize, indices, feed.Span<float>());
                    break;
                case TargetKind.Labels:
                    var labels = feed.Span<long>();
                    for (int i = 0; i < indices.Length; i++) labels[i] = data.Labels![indices[i]];
                    break;
                case TargetKind.Dense:
                    CopyRows(data.Targets!, feed.ByteCount / sizeof(float) / indices.Length, indices, feed.Span<float>());
                    break;
                default:
                    CopyRows(data.SoftTargets!, (int)data.SoftTargetClasses, indices, feed.Span<float>());
                    break;
            }
        }
    }

    private static void CopyRows(float[] source, int rowSize, ReadOnlySpan<int> indices, Span<float> destination)
    {
        for (int i = 0; i < indices.Length; i++)
            source.AsSpan(indices[i] * rowSize, rowSize).CopyTo(destination.Slice(i * rowSize, rowSize));
    }

    /// <summary>0..count−1 in the seeded order of one epoch (Fisher–Yates over <see cref="SeededRandom"/>).</summary>
    private static int[] Shuffled(int count, ulong seed, ulong epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new SeededRandom(seed, epoch);
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
