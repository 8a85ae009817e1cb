using OnnxKit.Ir;

namespace OnnxKit.Data;

/// <summary>One array of a data set: its name, element type and the dims of one record (without the record axis).</summary>
public sealed record DataField(string Name, DataType ElementType, IReadOnlyList<long> RecordDims)
{
    /// <summary>Formats as <c>x: uint8[28,28]</c>.</summary>
    public override string ToString() => $"{Name}: {ElementType.OnnxName()}{TensorDims.Format(RecordDims)}";
}
