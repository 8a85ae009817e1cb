using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Optimizer.Distillation;

namespace OnnxKit.Training.Distillation;

/// <summary>
/// An ONNX classifier read for its logits on ONNX Runtime: a teacher, or a student judged after
/// training, or a teacher prepared by distill-prep. The logits are found by
/// <see cref="ClassifierHead"/> and exposed as an extra output; anything that is not a
/// classifier head fails with a message naming the model and output.
/// </summary>
public sealed class ClassifierLogits : IDisposable
{
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
        var head = ClassifierHead.Find(model, name);
        var logits = head.Logits;
        if (!graph.Outputs.Contains(logits)) graph.Outputs.Add(logits);
        var session = OnnxSession.FromModel(model, settings);
        return new ClassifierLogits(name, session, logits.Name, head.Classes, head.ReadThroughSoftmax, graph.Initializers.Sum(i => i.ConstValue!.ElementCount));
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
