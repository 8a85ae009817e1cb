using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Values known before a model runs: initializers and the outputs of Constant nodes. The loop rules use
/// them to tell a constant trip count or condition from one computed at run time.
/// </summary>
internal static class StaticValues
{
    /// <summary>The constant tensor behind <paramref name="value"/>, or null when it is computed at run time.</summary>
    public static ITensor? Tensor(Value? value)
    {
        if (value is null) return null;
        if (value.ConstValue is { } tensor) return tensor;
        if (value.Producer is { OpType: "Constant", IsDefaultDomain: true } constant && constant.Attributes["value"] is { Type: AttributeType.Tensor } attribute)
            return attribute.Value as ITensor;
        return null;
    }

    /// <summary>The single integer <paramref name="value"/> holds when it is a constant int64 or int32 scalar.</summary>
    public static long? Integer(Value? value)
    {
        if (value?.Producer is { OpType: "Constant", IsDefaultDomain: true } constant && constant.Attributes["value_int"] is { Type: AttributeType.Int } direct)
            return direct.AsInt();
        return Read<long>(Tensor(value), t => t.DataType switch
        {
            DataType.Int64 => BitConverter.ToInt64(t.GetRawData().Span),
            DataType.Int32 => BitConverter.ToInt32(t.GetRawData().Span),
            _ => (long?)null,
        });
    }

    /// <summary>The single boolean <paramref name="value"/> holds when it is a constant bool scalar.</summary>
    public static bool? Boolean(Value? value) =>
        Read<bool>(Tensor(value), t => t.DataType == DataType.Bool ? t.GetRawData().Span[0] != 0 : null);

    private static T? Read<T>(ITensor? tensor, Func<ITensor, T?> read) where T : struct
    {
        if (tensor is null || tensor.ElementCount != 1) return null;
        try
        {
            return read(tensor);
        }
        catch (OnnxKitException)
        {
            return null; // data that does not fit its dims is reported by the tensor rules
        }
    }
}
