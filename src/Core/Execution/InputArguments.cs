using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Execution;

/// <summary>
/// Reads the <c>--input</c> arguments of <c>run</c>, <c>bench</c> and <c>optimize</c> into tensors for a
/// model's inputs. Each argument is <c>NAME=FILE</c> (a <c>.npy</c> or <c>.pb</c> tensor file),
/// <c>NAME=LITERAL</c> (values such as <c>sr=16000</c>, <c>mask=0,1,1</c> or <c>x=[0.5,-1]</c>), or a bare
/// <c>FILE.npz</c> whose arrays are named like the inputs. A literal takes the input's element type; its shape is
/// the <c>--shape</c> given for the input, else the input's declared dims with its open dims set to 1 except
/// the last open one, which takes the remaining values (a rank-0 input takes exactly one value). Every value
/// is checked against the input's declared type and shape, and an error names the input.
/// </summary>
public static class InputArguments
{
    /// <summary>Reads every argument and checks each tensor against the input of the same name.</summary>
    /// <param name="arguments">The <c>--input</c> values.</param>
    /// <param name="model">The model's name, for messages.</param>
    /// <param name="specs">The model's inputs (initializers excluded).</param>
    /// <param name="shapes">The <c>--shape</c> overrides: a full shape given for an input shapes its literal.</param>
    /// <param name="limits">Size limits for files read.</param>
    /// <param name="origins">When given, receives where each value came from (the file, the literal or the archive), for reports.</param>
    /// <exception cref="OnnxKitException">An argument is malformed, names no input, gives an input twice, or does not fit its input.</exception>
    public static Dictionary<string, ITensor> Read(IEnumerable<string> arguments, string model, IReadOnlyList<TensorSpec> specs,
        ShapeOverrides? shapes = null, ResourceLimits? limits = null, IDictionary<string, string>? origins = null)
    {
        var result = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        foreach (string argument in arguments)
        {
            foreach (var (name, tensor) in ReadOne(argument, model, specs, shapes ?? ShapeOverrides.None, limits))
            {
                if (!result.TryAdd(name, tensor)) throw new OnnxKitException($"--input: input '{name}' is given more than once.");
                if (origins is not null) origins[name] = argument.Contains('=') ? argument[(argument.IndexOf('=') + 1)..] : argument;
            }
        }
        return result;
    }

    private static IEnumerable<KeyValuePair<string, ITensor>> ReadOne(string argument, string model, IReadOnlyList<TensorSpec> specs,
        ShapeOverrides shapes, ResourceLimits? limits)
    {
        int eq = argument.IndexOf('=');
        if (eq < 0 && argument.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
            return NpzFile.Read(argument, limits).Select(pair => Checked(model, Spec(model, specs, pair.Key), pair.Value, argument)).ToList();
        if (eq <= 0)
            throw new OnnxKitException($"--input '{argument}': give NAME=FILE (.npy or .pb), NAME=VALUES (e.g. sr=16000 or mask=0,1,1), or a .npz archive whose array names are input names.");
        string name = argument[..eq], value = argument[(eq + 1)..];
        var spec = Spec(model, specs, name);
        if (IsTensorFile(value))
        {
            if (!File.Exists(value)) throw new OnnxKitException($"--input {name}: file '{value}' does not exist.");
            return [Checked(model, spec, TensorFiles.Read(value, limits), value)];
        }
        return [Checked(model, spec, Literal(spec, value, shapes), value)];
    }

    private static bool IsTensorFile(string value) =>
        Path.GetExtension(value).ToLowerInvariant() is ".npy" or ".pb" or ".npz";

    private static TensorSpec Spec(string model, IReadOnlyList<TensorSpec> specs, string name) =>
        specs.FirstOrDefault(s => s.Name == name) ?? throw new OnnxKitException($"--input {name}=...: model '{model}' has no input named '{name}'; its inputs are {string.Join(", ", specs)}.");

    private static KeyValuePair<string, ITensor> Checked(string model, TensorSpec spec, ITensor tensor, string origin)
    {
        try
        {
            InputValidation.CheckTensor(model, spec, tensor.DataType, tensor.Dims);
        }
        catch (OnnxKitException e)
        {
            throw new OnnxKitException($"--input {spec.Name}={origin}: {e.Message}", e);
        }
        return new(spec.Name, tensor);
    }

    /// <summary>Parses a literal list for <paramref name="spec"/>: its element type, shaped as the class summary says.</summary>
    private static ITensor Literal(TensorSpec spec, string text, ShapeOverrides shapes)
    {
        string body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']')) body = body[1..^1];
        string[] items = body.Split(',', StringSplitOptions.TrimEntries);
        if (body.Length == 0 || items.Any(i => i.Length == 0))
            throw new OnnxKitException($"--input {spec.Name}={text}: not a .npy/.pb file name nor a comma-separated list of values.");
        long[] dims = LiteralDims(spec, items.Length, shapes, text);
        DataType type = spec.ElementType == DataType.Undefined
            ? items.All(i => long.TryParse(i, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) ? DataType.Int64 : DataType.Float
            : spec.ElementType;
        string where = $"--input {spec.Name}={text}";
        return type switch
        {
            DataType.String => StringTensor.FromStrings(items, dims, spec.Name),
            DataType.Bool => DenseTensor.FromArray(type, items.Select(i => ParseBool(i, where)).ToArray(), dims, spec.Name),
            DataType.Float => DenseTensor.FromArray(type, items.Select(i => (float)ParseReal(i, where)).ToArray(), dims, spec.Name),
            DataType.Double => DenseTensor.FromArray(type, items.Select(i => ParseReal(i, where)).ToArray(), dims, spec.Name),
            DataType.Float16 => DenseTensor.FromArray(type, items.Select(i => (Half)ParseReal(i, where)).ToArray(), dims, spec.Name),
            DataType.Int8 => DenseTensor.FromArray(type, Integers(items, sbyte.MinValue, sbyte.MaxValue, where, type).Select(v => (sbyte)v).ToArray(), dims, spec.Name),
            DataType.UInt8 => DenseTensor.FromArray(type, Integers(items, byte.MinValue, byte.MaxValue, where, type).Select(v => (byte)v).ToArray(), dims, spec.Name),
            DataType.Int16 => DenseTensor.FromArray(type, Integers(items, short.MinValue, short.MaxValue, where, type).Select(v => (short)v).ToArray(), dims, spec.Name),
            DataType.UInt16 => DenseTensor.FromArray(type, Integers(items, ushort.MinValue, ushort.MaxValue, where, type).Select(v => (ushort)v).ToArray(), dims, spec.Name),
            DataType.Int32 => DenseTensor.FromArray(type, Integers(items, int.MinValue, int.MaxValue, where, type).Select(v => (int)v).ToArray(), dims, spec.Name),
            DataType.UInt32 => DenseTensor.FromArray(type, Integers(items, uint.MinValue, uint.MaxValue, where, type).Select(v => (uint)v).ToArray(), dims, spec.Name),
            DataType.Int64 => DenseTensor.FromArray(type, Integers(items, long.MinValue, long.MaxValue, where, type), dims, spec.Name),
            DataType.UInt64 => DenseTensor.FromArray(type, Integers(items, 0, long.MaxValue, where, type).Select(v => (ulong)v).ToArray(), dims, spec.Name),
            _ => throw new OnnxKitException($"{where}: literal values of element type {type.OnnxName()} are not supported; give the input as a .npy or .pb file."),
        };
    }

    private static long[] LiteralDims(TensorSpec spec, int count, ShapeOverrides shapes, string text)
    {
        string where = $"--input {spec.Name}={text}";
        if (shapes.Entries.TryGetValue(spec.Name, out var given))
        {
            if (given.Aggregate(1L, (p, d) => p * d) != count)
                throw new OnnxKitException($"{where}: {count} value(s) do not fill --shape {spec.Name}={string.Join("x", given)}.");
            return given;
        }
        if (spec.Shape is not { } shape) return count == 1 ? [] : [count];
        var dims = new long[shape.Rank];
        long known = 1;
        int lastOpen = -1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (shape[i].Value is long d) known *= dims[i] = d;
            else (dims[i], lastOpen) = (1, i);
        }
        if (lastOpen >= 0 && known > 0 && count % known == 0) dims[lastOpen] = count / known;
        if (dims.Aggregate(1L, (p, d) => p * d) != count)
            throw new OnnxKitException($"{where}: {count} value(s) do not fit input {spec}; give its shape with --shape {spec.Name}=AxB... or a .npy file.");
        return dims;
    }

    private static double ParseReal(string item, string where) =>
        double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : item.ToLowerInvariant() switch
            {
                "nan" => double.NaN,
                "inf" or "+inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => throw new OnnxKitException($"{where}: '{item}' is not a number."),
            };

    private static long[] Integers(string[] items, long min, long max, string where, DataType type) => items.Select(item =>
        long.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v >= min && v <= max ? v : throw new OnnxKitException($"{where}: {v} is out of range for {type.OnnxName()}.")
            : throw new OnnxKitException($"{where}: '{item}' is not an integer (the input holds {type.OnnxName()}).")).ToArray();

    private static bool ParseBool(string item, string where) => item.ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw new OnnxKitException($"{where}: '{item}' is not a bool (true, false, 1 or 0)."),
    };
}
