namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// A node that has no equivalent at the target opset (or whose equivalent needs facts the model does not
/// give, such as an input's rank): the message names the node, its operator and both opset versions.
/// </summary>
public sealed class ConversionException : OnnxKitException
{
    /// <summary>Creates the error for <paramref name="node"/> crossing from <paramref name="fromOpset"/> to <paramref name="toOpset"/>.</summary>
    public ConversionException(string node, string opType, long fromOpset, long toOpset, string reason)
        : base($"{opType} node {node} cannot be converted from opset {fromOpset} to opset {toOpset}: {reason}")
    {
        Node = node;
        OpType = opType;
        FromOpset = fromOpset;
        ToOpset = toOpset;
        Reason = reason;
    }

    /// <summary>The node's name, or its first output's name when it has none, quoted.</summary>
    public string Node { get; }

    /// <summary>The node's operator.</summary>
    public string OpType { get; }

    /// <summary>The opset the node was written for when the conversion stopped.</summary>
    public long FromOpset { get; }

    /// <summary>The opset it had to reach.</summary>
    public long ToOpset { get; }

    /// <summary>Why there is no equivalent.</summary>
    public string Reason { get; }
}
