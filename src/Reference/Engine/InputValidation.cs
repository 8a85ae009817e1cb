using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>Checks fed values against the types the graph declares for its inputs.</summary>
internal static class InputValidation
{
    /// <summary>Throws a user-facing error naming the input when <paramref name="value"/> does not fit its declaration.</summary>
    public static void Check(Value declared, RuntimeValue value)
    {
        switch (declared.Type, value)
        {
            case (TensorType type, TensorValue tensor):
                if (type.ElementType != DataType.Undefined && type.ElementType != tensor.ElementType)
                    throw Mismatch(declared, value);
                if (type.Shape is { } shape)
                {
                    if (shape.Rank != tensor.Rank) throw Mismatch(declared, value);
                    for (int i = 0; i < shape.Rank; i++)
                    {
                        if (shape[i].Value is long size && size != tensor.Shape[i]) throw Mismatch(declared, value);
                    }
                }
                break;
            case (TensorType, _):
            case (SequenceType, not SequenceValue):
            case (OptionalType, not OptionalValue):
                throw Mismatch(declared, value);
        }
    }

    private static OnnxKitException Mismatch(Value declared, RuntimeValue value) =>
        new($"Input '{declared.Name}' is declared {declared.Type} but was given {value.Describe()}.");
}
