namespace OnnxKit.Training;

/// <summary>
/// A training step produced a NaN or infinite loss or gradient. Training stops at once; the
/// model keeps the weights it had before <see cref="CompiledModel.Fit"/>.
/// </summary>
public sealed class TrainingDivergedException : OnnxKitException
{
    internal TrainingDivergedException(long step, int epoch, int batch, string tensor, float value)
        : base($"Training diverged at step {step} (epoch {epoch}, batch {batch}): {tensor} is {Describe(value)}. " +
               "Nothing was saved; try a lower learning rate or check the data for NaN or huge values.")
    {
        Step = step;
        Epoch = epoch;
        Batch = batch;
        Tensor = tensor;
    }

    /// <summary>The failing step, from 1 over the whole run.</summary>
    public long Step { get; }

    /// <summary>Its epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>Its batch within the epoch, from 1.</summary>
    public int Batch { get; }

    /// <summary>What was not finite: <c>the loss</c> or <c>the squared norm of the gradient of 'layer/weight'</c>.</summary>
    public string Tensor { get; }

    private static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
}
