using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Cast, CastLike (value conversions) and BitCast (reinterpretation of the bytes).</summary>
internal static class CastKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Cast", 1, 1, c => c.SetOutput(0, Cast(c, c.Input(0), TypeNamed(c.Required("to").AsString()))));
        r.Add("Cast", 6, 25, c => c.SetOutput(0, Cast(c, c.Input(0), (DataType)c.Required("to").AsInt())));
        r.Add("CastLike", 15, 25, c => c.SetOutput(0, Cast(c, c.Input(0), c.Input(1).ElementType)));
        r.Add("BitCast", 26, 26, BitCast);
    }

    /// <summary>Cast-1's <c>to</c>: the name of a TensorProto data type ("FLOAT", "INT64", ...).</summary>
    private static DataType TypeNamed(string name) =>
        name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) && !char.IsAsciiDigit(name[0])
            && Enum.TryParse<DataType>(name, ignoreCase: true, out var type) && type != DataType.Undefined
            ? type
            : throw new OnnxKitException($"Cast-1's 'to' is '{name}', which names no ONNX data type (FLOAT, INT64, ...).");

    private static TensorValue Cast(OpContext c, TensorValue x, DataType to) =>
        ElementConverter.Convert(x, to, c.Int("saturate", 1) != 0, c.String("round_mode", "up"));

    private static void BitCast(OpContext c)
    {
        var x = c.Input(0);
        var to = (DataType)c.Required("to").AsInt();
        if (x.ElementType == DataType.String || to == DataType.String || x.ElementType.BitWidth() != to.BitWidth())
            throw new OnnxKitException($"cannot bit-cast {x.ElementType.OnnxName()} to {to.OnnxName()}: the widths differ.");
        var tensor = x.ToTensor();
        c.SetOutput(0, TensorValue.FromTensor(new DenseTensor(to, tensor.Dims, tensor.GetRawData())));
    }
}
