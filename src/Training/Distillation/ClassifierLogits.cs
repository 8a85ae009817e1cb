using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.ShapeInference;

namespace OnnxKit.Training.Distillation;

/// <summary>
/// An ONNX classifier read for its logits: a teacher, or a student judged after training. The
/// logits are the model's first output, or, when that output is a Softmax or LogSoftmax over
/// the class axis (possibly behind Identity, Reshape, Flatten or Squeeze), that operator's
/// input, exposed as an extra output. They must be [batch, classes] with at least two classes;
/// anything else is not a classifier head and fails with a message naming the model and output.
/// </summary>
/// <remarks>
/// This is the small part of distillation-prep that training needs to run a teacher; the
/// <c>distill-prep</c> pass is the place for ensembles merged into one file and exposed hint layers.
/// </remarks>
public sealed class ClassifierLogits : IDisposable
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal) { "Identity", "Reshape", "Flatten", "Squeeze" };
    private readonly OnnxSession session;
    private readonly string logitsName;

    private ClassifierLogits(string name, OnnxSession session, string logitsName, long classes, bool readThroughSoftmax, long parameters)
    {
        Name = name;
        Parameters = parameters;
        this.session = session;
        this.logitsName = logitsName;
        Classes = classes;
        ReadThroughSoftmax = readThroughSoftmax;
    }

    /// <summary>The model's file name (or given name), for messages.</summary>
    public string Name { get; }

    /// <summary>The number of scalar weights (elements of the model's initializers).</summary>
    public long Parameters { get; }

    /// <summary>The number of classes.</summary>
    public long Classes { get; }

    /// <summary>Whether the logits were found behind a final Softmax or LogSoftmax.</summary>
    public bool ReadThroughSoftmax { get; }

    /// <summary>The model's input.</summary>
    public TensorSpec Input => session.Inputs[0];

    /// <summary>Opens the classifier at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxKitException">The file is not a one-input classifier; the message says why.</exception>
    public static ClassifierLogits Open(string path, SessionSettings? settings = null)
    {
        if (!File.Exists(path)) throw new OnnxKitException($"Model file '{path}' does not exist.");
        return FromModel(OnnxFile.Load(path), Path.GetFileName(path), settings);
    }

    /// <summary>Reads <paramref name="model"/> (not modified) as a classifier named <paramref name="name"/>.</summary>
    public static ClassifierLogits FromModel(Model model, string name, SessionSettings? settings = null)
    {
        model = model.Clone();
        var graph = model.Graph;
        var inputs = graph.Inputs.Where(i => !graph.Initializers.Contains(i.Name)).ToArray();
        if (inputs.Length != 1) throw new OnnxKitException($"'{name}' has {inputs.Length} inputs; a classifier for distillation takes one.");
        if (graph.Outputs.Count == 0) throw new OnnxKitException($"'{name}' has no outputs.");
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        var output = graph.Outputs[0];
        var logits = output;
        bool throughSoftmax = false;
        for (var node = output.Producer; node is { IsDefaultDomain: true }; node = node.Inputs[0]?.Producer)
        {
            if (node.OpType is "Softmax" or "LogSoftmax")
            {
                logits = node.Inputs[0]!;
                throughSoftmax = true;
                break;
            }
            if (!PassThrough.Contains(node.OpType)) break;
        }
        long classes = logits.TensorType?.Shape is { Rank: 2 } shape && shape[1].Value is long c && c >= 2 ? c
            : throw new OnnxKitException(
                $"'{name}' has no classifier head: {(throughSoftmax ? $"the input '{logits.Name}' of its final softmax" : $"its output '{output.Name}'")} is " +
                $"{logits.Type?.ToString() ?? "of unknown shape"}, but distillation needs class logits [batch, classes] with at least two classes.");
        if (!graph.Outputs.Contains(logits)) graph.Outputs.Add(logits);
        var session = OnnxSession.FromModel(model, settings);
        return new ClassifierLogits(name, session, logits.Name, classes, throughSoftmax, graph.Initializers.Sum(i => i.ConstValue!.ElementCount));
    }

    /// <summary>
    /// The logits of every record of <paramref name="source"/>, in order, [records × classes],
    /// the records fitted to the model's input under <paramref name="preprocessing"/>.
    /// </summary>
    /// <exception cref="DataFormatException">The data cannot be fitted to the model's input; the message names both.</exception>
    public float[] Compute(IDataSource source, PreprocessingOptions preprocessing, int batchSize = 256, IProgress<DataProgress>? progress = null)
    {
        var binder = ModelInputBinder.Create(source, session.Inputs, preprocessing);
        var logits = new List<float>(checked((int)((source.Count ?? 0) * Classes)));
        foreach (var batch in source.ReadBatches(batchSize, progress))
        {
            var outputs = session.Run(binder.Bind(batch));
            logits.AddRange(outputs[logitsName].ToArray<float>());
        }
        return logits.ToArray();
    }

    /// <summary>Releases the session.</summary>
    public void Dispose() => session.Dispose();
}
