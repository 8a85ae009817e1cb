namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>How an attribute that became an input is written on each side.</summary>
public enum InputForm
{
    /// <summary>An ints attribute ↔ a one-dimensional int64 input (axes, pads, starts, split, shape).</summary>
    Int64s,

    /// <summary>An int attribute ↔ a one-element int64 input (TopK's k).</summary>
    Int64,

    /// <summary>A float attribute ↔ a scalar input of the first input's element type (Clip's bounds, Pad's value).</summary>
    ScalarOfDataType,

    /// <summary>A float attribute ↔ a float32 scalar input (Dropout's ratio).</summary>
    FloatScalar,

    /// <summary>A floats attribute ↔ a one-dimensional float32 input (Upsample's scales).</summary>
    Floats,

    /// <summary>No attribute: an input the older form lacks, dropped when it is a constant of ones (Slice's steps).</summary>
    OnesOnly,

    /// <summary>No attribute: an input the older form lacks, dropped when it is a constant zero or false (Dropout's training_mode).</summary>
    ZeroOnly,
}
