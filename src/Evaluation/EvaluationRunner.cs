using System.Diagnostics;
using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Evaluation.Analysis;
using OnnxKit.Evaluation.Results;

namespace OnnxKit.Evaluation;

/// <summary>
/// Evaluates one or more models on the same labelled data in one pass: each batch is read and
/// preprocessed once per model, run, and its outputs gathered; then every evaluated output gets
/// the measures of its task, and each model after the first is compared with the first.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>
    /// Runs the evaluation. Batches from files are read and preprocessed on a worker thread while
    /// the models run; data already in memory, or a few records, is bound on the calling thread.
    /// </summary>
    /// <param name="models">The models, the baseline first; the caller owns their backends.</param>
    /// <param name="data">The labelled data.</param>
    /// <param name="options">Batching, preprocessing, outputs and decision settings.</param>
    /// <param name="progress">Called after each batch is evaluated, on the calling thread.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="DataFormatException">The data is malformed, does not fit a model, or a label is outside its classes; the message names the file and record.</exception>
    /// <exception cref="OnnxKitException">A model fails, gives NaN, or has no labelled output; the message names the model.</exception>
    public static EvaluationReport Run(IReadOnlyList<EvaluatedModel> models, IDataSource data, EvaluationOptions options,
        IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (models.Count == 0) throw new ArgumentException("No models to evaluate.", nameof(models));
        options.Validate();
        if (data.Labels.Count == 0) throw new DataFormatException(data.Name, null, "the data has no labels; evaluation needs them (arrays y or y/OUTPUT, a label column, class sub-folders).");

        var runs = models.Select(m => ModelRun.Plan(m, data, options)).ToArray();
        var labels = data.Labels.ToDictionary(l => l.Name, l => new CollectedOutput(l.Name, data.Count));
        try
        {
            long examples = 0;
            int nextSet = 0;
            var batches = ReadsAhead(data)
                ? Prefetch(data, runs, options.BatchSize, cancellationToken)
                : data.ReadBatches(options.BatchSize, null, cancellationToken).Select(b => (b, Bind(runs, b, NextSet(ref nextSet))));
            foreach (var (batch, inputs) in batches)
            {
                foreach (var (name, tensor) in batch.Labels) labels[name].Append(tensor, batch.Start, data.Name);
                for (int m = 0; m < runs.Length; m++) runs[m].Consume(batch, inputs[m], cancellationToken);
                examples += batch.Count;
                progress?.Report(new DataProgress(examples, data.Count));
            }

            var analyzer = new OutputAnalyzer(options, data.Name, data.ClassNames);
            var evaluations = runs.Select(r => r.Finish(analyzer, labels)).ToArray();
            var comparisons = new List<ModelComparison>();
            for (int m = 1; m < runs.Length; m++) comparisons.AddRange(Compare(runs[0], evaluations[0], runs[m], evaluations[m], options));
            return new EvaluationReport(data.Description, examples, options.Preprocessing.ToString(), evaluations, comparisons);
        }
        finally
        {
            // The gathered values and the input buffers live in pooled arrays; the report holds only what was computed from
            // them. Any batch read ahead has been bound by now: leaving the loop over the batches waited for the reader.
            foreach (var collected in labels.Values.Concat(runs.SelectMany(r => r.Collected.Values))) collected.Dispose();
            foreach (var run in runs) run.Dispose();
        }
    }

    /// <summary>Records below which reading ahead cannot pay for handing batches between threads.</summary>
    private const long ReadAheadMinimum = 4096;

    /// <summary>
    /// Whether to read on a worker thread: only when a pass reads files and there are enough records
    /// for the overlap to outweigh the hand-offs (each can cost a time slice on a busy machine).
    /// </summary>
    private static bool ReadsAhead(IDataSource data) =>
        !data.InMemory && Environment.ProcessorCount > 1 && data.Count is not < ReadAheadMinimum;

    /// <summary>Every model's inputs for <paramref name="batch"/>, written into buffer set <paramref name="bufferSet"/>, whose previous batch must have been run.</summary>
    private static IReadOnlyDictionary<string, Ir.ITensor>[] Bind(ModelRun[] runs, DataBatch batch, int bufferSet)
    {
        var inputs = new IReadOnlyDictionary<string, Ir.ITensor>[runs.Length];
        for (int m = 0; m < runs.Length; m++) inputs[m] = runs[m].Bind(batch, bufferSet);
        return inputs;
    }

    /// <summary>Batches read ahead: queued, at most this many, while the models run an earlier one.</summary>
    private const int BatchesAhead = 2;

    /// <summary>
    /// The input buffer sets batch k is bound into in turn (set k mod this), which batch k − 4 used. Reading ahead needs
    /// this many: one per queued batch, one for the batch being run and one for the batch being bound (the reader binds
    /// batch k only once it queued batch k − 1, which needs the models to have taken batch k − 3, so batch k − 4 has been
    /// run). Binding on the calling thread needs one, but cycles through them too: writing the inputs into the buffer the
    /// previous batch was just read from, by ONNX Runtime's threads on both cores, made the MLP's whole evaluation about
    /// 1–1.4 ms slower than cycling through two to four sets (and forty, 32 MB, was slower again).
    /// </summary>
    private const int BufferSets = BatchesAhead + 2;

    /// <summary>The buffer set for the next batch, advancing <paramref name="set"/> (by wrapping, not by counting batches, which could overflow).</summary>
    private static int NextSet(ref int set)
    {
        int current = set;
        set = (set + 1) % BufferSets;
        return current;
    }

    /// <summary>
    /// Reads and preprocesses the next batches on a worker thread while the models run on the
    /// current one (at most <see cref="BatchesAhead"/> batches ahead), so reading overlaps inference. A reading error
    /// surfaces here, on the calling thread, with its own type.
    /// </summary>
    private static IEnumerable<(DataBatch Batch, IReadOnlyDictionary<string, Ir.ITensor>[] Inputs)> Prefetch(
        IDataSource data, ModelRun[] runs, int batchSize, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new System.Collections.Concurrent.BlockingCollection<(DataBatch, IReadOnlyDictionary<string, Ir.ITensor>[])>(boundedCapacity: BatchesAhead);
        var reader = Task.Run(() =>
        {
            try
            {
                // Into buffers reused in turn, not fresh ones per batch: a fresh 256-image batch is 800 KB of pinned memory.
                int nextSet = 0;
                foreach (var batch in data.ReadBatches(batchSize, null, stop.Token))
                    queue.Add((batch, Bind(runs, batch, NextSet(ref nextSet))), stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token);
        try
        {
            foreach (var item in queue.GetConsumingEnumerable(cancellationToken)) yield return item;
        }
        finally
        {
            stop.Cancel();
            try
            {
                reader.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The consumer stopped early (a model failed); its error is the one to report.
            }
        }
    }

    private static IEnumerable<ModelComparison> Compare(ModelRun baseline, ModelEvaluation baselineResult, ModelRun other, ModelEvaluation otherResult, EvaluationOptions options)
    {
        foreach (var result in otherResult.Outputs)
        {
            var first = baselineResult.Outputs.FirstOrDefault(o => o.Output == result.Output && o.Task == result.Task);
            if (first is null) continue;
            var a = baseline.Collected[result.Output];
            var b = other.Collected[result.Output];
            if (first.Classification is { } c)
                yield return ComparisonAnalyzer.Classification(other.Model.Name, baseline.Model.Name, result.Output, a, b, c.ClassNames, options);
            else if (first.Regression is not null)
                yield return ComparisonAnalyzer.Regression(other.Model.Name, baseline.Model.Name, result.Output, a, b);
        }
    }

    /// <summary>One model's pass: its input binding, the outputs it gathers, and the time spent running it.</summary>
    private sealed class ModelRun : IDisposable
    {
        private readonly Stopwatch clock = new();
        // One binder per buffer set (see BufferSets), each reusing its own input buffers.
        private readonly ModelInputBinder[] binders;
        private readonly Dictionary<string, string> labelFor;
        private readonly List<string> notes;

        private ModelRun(EvaluatedModel model, ModelInputBinder[] binders, Dictionary<string, string> labelFor, List<string> notes, long? records)
        {
            Model = model;
            this.binders = binders;
            this.labelFor = labelFor;
            this.notes = notes;
            Collected = labelFor.Keys.ToDictionary(o => o, o => new CollectedOutput(o, records));
        }

        public EvaluatedModel Model { get; }

        public Dictionary<string, CollectedOutput> Collected { get; }

        /// <summary>Binds the data to the model's inputs and pairs each evaluated output with its labels.</summary>
        public static ModelRun Plan(EvaluatedModel model, IDataSource data, EvaluationOptions options)
        {
            var backend = model.Backend;
            var outputs = backend.Outputs.Select(o => o.Name).ToList();
            if (options.Output is { } chosen)
            {
                if (!outputs.Contains(chosen))
                    throw new OnnxKitException($"{model.Name}: there is no output '{chosen}'; the outputs are {string.Join(", ", outputs)}.");
                outputs = [chosen];
            }
            var labelNames = data.Labels.Select(l => l.Name).ToHashSet();
            var labelFor = new Dictionary<string, string>();
            var notes = new List<string>();
            bool defaultTaken = false;
            foreach (var output in outputs)
            {
                string own = DataBatch.DefaultLabelName + "/" + output;
                if (labelNames.Contains(own)) labelFor[output] = own;
                else if (!defaultTaken && labelNames.Contains(DataBatch.DefaultLabelName))
                {
                    labelFor[output] = DataBatch.DefaultLabelName;
                    defaultTaken = true;
                }
                else notes.Add($"output '{output}' not evaluated: the data has no labels '{own}' for it.");
            }
            if (labelFor.Count == 0)
                throw new OnnxKitException($"{model.Name}: no output has labels in the data (labels: {string.Join(", ", labelNames)}; outputs: {string.Join(", ", outputs)}).");
            var binders = new ModelInputBinder[BufferSets];
            for (int i = 0; i < binders.Length; i++) binders[i] = ModelInputBinder.Create(data, backend.Inputs, options.Preprocessing);
            return new ModelRun(model, binders, labelFor, notes, data.Count);
        }

        /// <summary>The model's inputs for <paramref name="batch"/> in buffer set <paramref name="bufferSet"/> (called on the reading thread when reading ahead).</summary>
        public IReadOnlyDictionary<string, Ir.ITensor> Bind(DataBatch batch, int bufferSet) => binders[bufferSet].Bind(batch, reuseBuffers: true);

        public void Consume(DataBatch batch, IReadOnlyDictionary<string, Ir.ITensor> inputs, CancellationToken cancellationToken)
        {
            clock.Start();
            var outputs = Model.Backend.Run(inputs, cancellationToken);
            clock.Stop();
            foreach (var (name, collected) in Collected)
            {
                var tensor = outputs[name];
                if (tensor.Dims.Count == 0 || tensor.Dims[0] != batch.Count)
                    throw new OnnxKitException($"{Model.Name}: output '{name}' has dims {Ir.TensorDims.Format(tensor.Dims)} for a batch of {batch.Count} records; evaluated outputs need one row per record.");
                collected.Append(tensor, batch.Start, Model.Name);
            }
        }

        /// <summary>Returns the binders' input buffers to the pool.</summary>
        public void Dispose()
        {
            foreach (var binder in binders) binder.Dispose();
        }

        public ModelEvaluation Finish(OutputAnalyzer analyzer, IReadOnlyDictionary<string, CollectedOutput> labels) =>
            new(Model.Name, Model.Backend.Name, binders[0].Bindings.Select(b => b.ToString()).ToArray(), clock.Elapsed.TotalSeconds,
                labelFor.Select(p => analyzer.Analyze(Model.Name, Collected[p.Key], labels[p.Value])).ToArray(), notes);
    }
}
