namespace OnnxKit.Training.Jobs;

/// <summary>The optimizers the commands offer.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (default learning rate 0.001).</summary>
    Adam,

    /// <summary>SGD with momentum (default learning rate 0.01, momentum 0.9).</summary>
    Sgd,
}
