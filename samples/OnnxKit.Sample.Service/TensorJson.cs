using System.Text.Json;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Sample.Service;

/// <summary>Converts JSON tensors to the model's element types, with errors that name the input and element at fault.</summary>
public static class TensorJson
{
    /// <summary>The tensor for input <paramref name="spec"/> from <paramref name="payload"/>; throws <see cref="BadRequestException"/> saying what to fix.</summary>
    public static ITensor ToTensor(TensorSpec spec, TensorPayload payload)
    {
        string where = $"inputs.{spec.Name}";
        if (payload.Shape is not { } shape) throw new BadRequestException($"{where}.shape is missing; give the tensor's shape, e.g. [1, 3, 16, 16] ([] for a scalar).");
        if (shape.Any(d => d < 0)) throw new BadRequestException($"{where}.shape {TensorDims.Format(shape)} has a negative dim.");
        if (payload.Data.ValueKind != JsonValueKind.Array) throw new BadRequestException($"{where}.data must be an array of the tensor's elements in row-major order.");
        long count = shape.Aggregate(1L, (product, d) => product * d);
        int given = payload.Data.GetArrayLength();
        if (given != count) throw new BadRequestException($"{where}: shape {TensorDims.Format(shape)} needs {count} elements; data has {given}.");
        return spec.ElementType switch
        {
            DataType.Float => DenseTensor.FromArray(DataType.Float, Read(payload.Data, where, e => e.GetSingle()), shape, spec.Name),
            DataType.Double => DenseTensor.FromArray(DataType.Double, Read(payload.Data, where, e => e.GetDouble()), shape, spec.Name),
            DataType.Int8 => DenseTensor.FromArray(DataType.Int8, Read(payload.Data, where, e => e.GetSByte()), shape, spec.Name),
            DataType.UInt8 => DenseTensor.FromArray(DataType.UInt8, Read(payload.Data, where, e => e.GetByte()), shape, spec.Name),
            DataType.Int16 => DenseTensor.FromArray(DataType.Int16, Read(payload.Data, where, e => e.GetInt16()), shape, spec.Name),
            DataType.Int32 => DenseTensor.FromArray(DataType.Int32, Read(payload.Data, where, e => e.GetInt32()), shape, spec.Name),
            DataType.Int64 => DenseTensor.FromArray(DataType.Int64, Read(payload.Data, where, e => e.GetInt64()), shape, spec.Name),
            DataType.Bool => DenseTensor.FromArray(DataType.Bool, ReadBools(payload.Data, where), shape, spec.Name),
            var other => throw new BadRequestException($"{where}: this service does not take {other.OnnxName()} inputs from JSON."),
        };
    }

    private static T[] Read<T>(JsonElement data, string where, Func<JsonElement, T> read)
    {
        var values = new T[data.GetArrayLength()];
        int i = 0;
        foreach (var element in data.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Number)
                throw new BadRequestException($"{where}.data[{i}] is {Describe(element)}; expected a number.");
            try
            {
                values[i] = read(element);
            }
            catch (FormatException)
            {
                throw new BadRequestException($"{where}.data[{i}] = {element.GetRawText()} does not fit the input's element type (a {typeof(T).Name}).");
            }
            i++;
        }
        return values;
    }

    private static bool[] ReadBools(JsonElement data, string where)
    {
        var values = new bool[data.GetArrayLength()];
        int i = 0;
        foreach (var element in data.EnumerateArray())
        {
            values[i] = element.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new BadRequestException($"{where}.data[{i}] is {Describe(element)}; expected true or false."),
            };
            i++;
        }
        return values;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array (give the elements flat, in row-major order)",
        JsonValueKind.Object => "an object",
        _ => element.GetRawText(),
    };
}
