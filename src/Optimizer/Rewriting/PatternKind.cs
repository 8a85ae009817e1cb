namespace OnnxKit.Optimizer.Rewriting;

/// <summary>What a <see cref="PatternValue"/> matches.</summary>
internal enum PatternKind
{
    /// <summary>Any value; a name used twice must be the same value.</summary>
    Variable,

    /// <summary>A constant whose elements all equal a given number (to a relative 1e-5).</summary>
    Number,

    /// <summary>A constant whose elements are all equal; binds that number, which a second use must repeat.</summary>
    Scalar,

    /// <summary>Any constant tensor; binds the value.</summary>
    ConstantTensor,

    /// <summary>An output of a node matching a pattern node.</summary>
    NodeOutput,

    /// <summary>The first of several patterns that matches.</summary>
    OneOf,
}
