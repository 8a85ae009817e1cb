using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>
/// Observes the float values of chosen tensors while a model runs on calibration batches: the
/// tensors are exposed as extra graph outputs of a copy of the model, which a backend runs once per
/// batch; each batch's values update every tensor's <see cref="TensorStatistics"/> and are then
/// dropped, so memory holds one batch of activations whatever the number of samples. Graph inputs
/// are observed from the batch itself. Only float32 tensors of the main graph can be observed.
/// </summary>
public sealed class CalibrationObserver : IDisposable
{
    private readonly IModelBackend prepared;
    private readonly Dictionary<string, TensorStatistics> statistics = new(StringComparer.Ordinal);
    private int batches;

    /// <summary>
    /// Prepares to observe <paramref name="tensors"/> of <paramref name="model"/> (which is not changed),
    /// running the augmented model on <paramref name="backend"/>.
    /// </summary>
    /// <exception cref="OnnxKitException">A tensor is not a float32 value of the main graph, or the backend cannot open the model.</exception>
    public CalibrationObserver(Model model, IReadOnlyCollection<string> tensors, CalibrationMethod method, IBackend backend)
    {
        var graph = model.Graph;
        var types = graph.Inputs.Concat(graph.Nodes.SelectMany(n => n.Outputs)).GroupBy(v => v.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().TensorType?.ElementType, StringComparer.Ordinal);
        foreach (var name in tensors)
        {
            if (types.GetValueOrDefault(name) is DataType type && type != DataType.Float)
                throw new OnnxKitException($"Calibration cannot observe '{name}': it holds {type.OnnxName()}, not float32.");
            statistics[name] = new TensorStatistics(method.UsesHistogram ? method.Bins : 0, method.AveragingConstant);
        }
        var augmented = ExposedTensors.With(model, tensors);
        prepared = backend.Prepare(augmented);
    }

    /// <summary>The statistics of every observed tensor, by name.</summary>
    public IReadOnlyDictionary<string, TensorStatistics> Statistics => statistics;

    /// <summary>Batches observed so far.</summary>
    public int Batches => batches;

    /// <summary>Runs the model on one batch (keyed by input name) and updates the statistics.</summary>
    /// <exception cref="OnnxKitException">The batch does not fit the model's inputs, or the model fails on it; the message names the batch.</exception>
    public void Observe(IReadOnlyDictionary<string, ITensor> batch, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, ITensor> outputs;
        try
        {
            outputs = prepared.Run(batch, cancellationToken);
        }
        catch (OnnxKitException e)
        {
            throw new OnnxKitException($"Calibration batch {batches + 1}: {e.Message}", e);
        }
        foreach (var (name, tensorStatistics) in statistics) tensorStatistics.Add(ExposedTensors.Read(name, outputs, batch));
        batches++;
    }

    /// <summary>Releases the backend.</summary>
    public void Dispose() => prepared.Dispose();
}
