namespace OnnxKit.Schemas;

/// <summary>
/// The values an integer attribute (or each entry of an integer-list attribute) may take, as ONNX's
/// operator documentation states them: <c>group</c> of Conv is a positive number of groups,
/// <c>pads</c> of a pooling operator are non-negative, and so on. Values outside the range are not
/// meaningful and make runtimes divide by zero or size buffers from garbage.
/// </summary>
/// <param name="Min">The smallest allowed value.</param>
/// <param name="Max">The largest allowed value.</param>
/// <param name="Meaning">What the value is, for messages (e.g. <c>a number of heads</c>).</param>
public sealed record AttributeRange(long Min, long Max, string Meaning)
{
    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(long value) => value >= Min && value <= Max;

    /// <summary>The range as people read it: <c>at least 1</c>, <c>1 or 2</c>, <c>between 0 and 26</c>.</summary>
    public string Describe() =>
        Max == long.MaxValue ? $"at least {Min}"
        : Max == Min + 1 ? $"{Min} or {Max}"
        : $"between {Min} and {Max}";
}
