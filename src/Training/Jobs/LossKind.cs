namespace OnnxKit.Training.Jobs;

/// <summary>The losses the commands offer.</summary>
public enum LossKind
{
    /// <summary>From the model's output: binary cross-entropy after a final Sigmoid, mean squared error for one unlinked output, else softmax cross-entropy.</summary>
    Auto,

    /// <summary>Softmax cross-entropy against class labels.</summary>
    CrossEntropy,

    /// <summary>Binary cross-entropy against 0/1 targets.</summary>
    BinaryCrossEntropy,

    /// <summary>Mean squared error against float targets.</summary>
    MeanSquaredError,
}
