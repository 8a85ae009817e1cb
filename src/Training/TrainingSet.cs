using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Data.Labels;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Training;

/// <summary>
/// Examples held in memory for training: each example's model input (float32, already
/// preprocessed to the model's input shape) and its targets: class labels, dense float targets,
/// or a teacher's soft targets. Training shuffles it every epoch, so it is read from its
/// <see cref="IDataSource"/> once (<see cref="Load"/>) rather than streamed.
/// </summary>
public sealed class TrainingSet
{
    private TrainingSet(string name, float[] inputs, long[] exampleDims, long[]? labels, float[]? targets, long[]? targetDims, float[]? softTargets, long classes)
    {
        Name = name;
        Inputs = inputs;
        ExampleDims = exampleDims;
        ExampleSize = checked((int)exampleDims.Aggregate(1L, (a, b) => a * b));
        Count = inputs.Length / Math.Max(1, ExampleSize);
        Labels = labels;
        Targets = targets;
        TargetDims = targetDims;
        SoftTargets = softTargets;
        SoftTargetClasses = classes;
    }

    /// <summary>Where the examples came from, for messages.</summary>
    public string Name { get; }

    /// <summary>The number of examples.</summary>
    public int Count { get; }

    /// <summary>The shape of one example's input.</summary>
    public IReadOnlyList<long> ExampleDims { get; }

    /// <summary>The number of values in one example's input.</summary>
    public int ExampleSize { get; }

    /// <summary>Every example's input, one after another.</summary>
    public float[] Inputs { get; }

    /// <summary>Class labels, one per example, or null.</summary>
    public long[]? Labels { get; }

    /// <summary>Dense float targets, one block of <see cref="TargetDims"/> per example, or null.</summary>
    public float[]? Targets { get; }

    /// <summary>The shape of one example's dense target.</summary>
    public IReadOnlyList<long>? TargetDims { get; }

    /// <summary>Soft targets (a teacher's class probabilities), <see cref="SoftTargetClasses"/> per example, or null.</summary>
    public float[]? SoftTargets { get; }

    /// <summary>The number of classes of <see cref="SoftTargets"/>.</summary>
    public long SoftTargetClasses { get; }

    /// <summary>
    /// Reads every record of <paramref name="source"/>, fits it to a model input of per-example
    /// shape <paramref name="inputDims"/> under <paramref name="preprocessing"/> (through the
    /// data library's <see cref="ModelInputBinder"/>), and keeps its labels: class indices checked
    /// against <paramref name="classes"/> when <paramref name="denseTargets"/> is false, float
    /// targets otherwise.
    /// </summary>
    /// <exception cref="DataFormatException">The data is malformed, unlabelled, or does not fit the input; the message names the file and record.</exception>
    public static TrainingSet Load(IDataSource source, IReadOnlyList<long> inputDims, PreprocessingOptions? preprocessing = null,
        int? classes = null, bool denseTargets = false, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source.Labels.Count == 0) throw new DataFormatException(source.Name, null, "the data has no labels; training needs labelled examples.");
        var spec = new TensorSpec("input", DataType.Float, new Shape([Dim.Named("batch"), .. inputDims.Select(d => Dim.Of(d))]));
        var binder = ModelInputBinder.Create(source, [spec], preprocessing);
        int exampleSize = checked((int)inputDims.Aggregate(1L, (a, b) => a * b));
        var inputs = new List<float>(checked((int)((source.Count ?? 0) * exampleSize)));
        var labels = new List<long>();
        var targets = new List<float>();
        long[]? targetDims = null;
        foreach (var batch in source.ReadBatches(1024, progress, cancellationToken))
        {
            inputs.AddRange(binder.Bind(batch)["input"].ToArray<float>());
            var y = batch.DefaultLabels ?? batch.Labels.Values.First();
            if (denseTargets)
            {
                targetDims ??= y.Dims.Skip(1).ToArray();
                targets.AddRange(y.ToDoubleArray().Select(v => (float)v));
            }
            else labels.AddRange(LabelEncoding.ToClassIndices(y, classes, source.Name, batch.Start));
        }
        if (inputs.Count == 0) throw new DataFormatException(source.Name, null, "the data holds no records.");
        return new TrainingSet(source.Name, inputs.ToArray(), inputDims.ToArray(), denseTargets ? null : labels.ToArray(),
            denseTargets ? targets.ToArray() : null, targetDims, null, 0);
    }

    /// <summary>Examples from arrays: inputs of per-example shape <paramref name="exampleDims"/>, with class labels.</summary>
    public static TrainingSet FromArrays(float[] inputs, long[] exampleDims, long[] labels, string name = "arrays")
    {
        var set = new TrainingSet(name, inputs, exampleDims, labels, null, null, null, 0);
        if (labels.Length != set.Count) throw new ArgumentException($"{labels.Length} labels for {set.Count} examples.", nameof(labels));
        return set;
    }

    /// <summary>Examples from arrays with dense float targets of per-example shape <paramref name="targetDims"/>.</summary>
    public static TrainingSet FromArrays(float[] inputs, long[] exampleDims, float[] targets, long[] targetDims, string name = "arrays")
    {
        var set = new TrainingSet(name, inputs, exampleDims, null, targets, targetDims, null, 0);
        long perExample = targetDims.Aggregate(1L, (a, b) => a * b);
        if (targets.LongLength != perExample * set.Count) throw new ArgumentException($"{targets.Length} target values for {set.Count} examples of {perExample}.", nameof(targets));
        return set;
    }

    /// <summary>The same examples with a teacher's soft targets, <paramref name="classes"/> probabilities per example.</summary>
    public TrainingSet WithSoftTargets(float[] softTargets, long classes)
    {
        if (softTargets.LongLength != classes * Count) throw new ArgumentException($"{softTargets.Length} soft-target values for {Count} examples of {classes} classes.", nameof(softTargets));
        return new TrainingSet(Name, Inputs, ExampleDims.ToArray(), Labels, Targets, TargetDims?.ToArray(), softTargets, classes);
    }

    /// <summary>The first <paramref name="count"/> examples (a quick subset).</summary>
    public TrainingSet Take(int count) => count >= Count ? this : Range(0, count);

    /// <summary>
    /// Holds out the last <paramref name="count"/> examples for validation (as Keras's
    /// <c>validation_split</c> does, before any shuffling): the first <c>Count − count</c> examples
    /// train, the rest validate; labels, targets and soft targets are split alike.
    /// </summary>
    /// <exception cref="OnnxKitException">The split would leave no example on one side.</exception>
    public (TrainingSet Train, TrainingSet Validation) SplitOff(int count)
    {
        if (count < 1 || count >= Count)
            throw new OnnxKitException($"A validation split of {count:N0} examples needs between 1 and {Count - 1:N0}; '{Name}' holds {Count:N0}.");
        int trainCount = Count - count;
        return (Range(0, trainCount, $"{Name} (first {trainCount:N0})"), Range(trainCount, count, $"{Name} (last {count:N0}, validation split)"));
    }

    private TrainingSet Range(int start, int count, string? name = null)
    {
        int targetSize = (int)(TargetDims?.Aggregate(1L, (a, b) => a * b) ?? 0);
        int classes = (int)SoftTargetClasses;
        return new TrainingSet(name ?? Name, Inputs[(start * ExampleSize)..((start + count) * ExampleSize)], ExampleDims.ToArray(), Labels?[start..(start + count)],
            Targets?[(start * targetSize)..((start + count) * targetSize)], TargetDims?.ToArray(),
            SoftTargets?[(start * classes)..((start + count) * classes)], SoftTargetClasses);
    }
}
