using System.Text.Json;
using OnnxKit.Ir;

namespace OnnxKit.Schemas;

/// <summary>
/// Reads the operator-schema table written by <c>tools/gen_op_schemas.py</c>: one JSON object per
/// line, with short keys described in that script.
/// </summary>
internal static class OpSchemaTable
{
    private const string ResourceName = "OnnxKit.Schemas.op-schemas.jsonl";

    /// <summary>Reads the table embedded in this assembly.</summary>
    public static IReadOnlyList<OpSchema> ReadEmbedded()
    {
        using var stream = typeof(OpSchemaTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }

    /// <summary>Reads a table in the generator's format.</summary>
    /// <exception cref="InvalidDataException">A line is not a valid schema entry.</exception>
    public static IReadOnlyList<OpSchema> Read(TextReader reader)
    {
        var schemas = new List<OpSchema>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                schemas.Add(ParseSchema(document.RootElement));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"Operator-schema table, line {lineNumber}: {e.Message}", e);
            }
        }

        return schemas;
    }

    private static OpSchema ParseSchema(JsonElement entry) => new()
    {
        Domain = entry.GetProperty("d").GetString()!,
        Name = entry.GetProperty("op").GetString()!,
        SinceVersion = entry.GetProperty("v").GetInt32(),
        Deprecated = Flag(entry, "dep"),
        Inputs = List(entry, "in", ParseFormalParameter),
        MinInputs = Int(entry, "min_in"),
        MaxInputs = Int(entry, "max_in"),
        Outputs = List(entry, "out", ParseFormalParameter),
        MinOutputs = Int(entry, "min_out"),
        MaxOutputs = Int(entry, "max_out"),
        Attributes = List(entry, "attr", ParseAttribute),
        TypeConstraints = List(entry, "tc", ParseTypeConstraint),
    };

    private static FormalParameter ParseFormalParameter(JsonElement entry)
    {
        var option = entry.TryGetProperty("o", out var o)
            ? o.GetString() switch
            {
                "opt" => FormalParameterOption.Optional,
                "var" => FormalParameterOption.Variadic,
                var other => throw new FormatException($"unknown formal-parameter option '{other}'"),
            }
            : FormalParameterOption.Single;
        return new FormalParameter(
            entry.GetProperty("n").GetString()!,
            entry.GetProperty("t").GetString()!,
            option,
            IsHomogeneous: !Flag(entry, "het"));
    }

    private static AttributeSchema ParseAttribute(JsonElement entry) => new(
        entry.GetProperty("n").GetString()!,
        ParseAttributeType(entry.GetProperty("k").GetString()),
        Flag(entry, "req"),
        entry.TryGetProperty("def", out var defaultValue) ? defaultValue.GetString() : null);

    private static AttributeType ParseAttributeType(string? kind) => kind switch
    {
        "FLOAT" => AttributeType.Float,
        "INT" => AttributeType.Int,
        "STRING" => AttributeType.String,
        "TENSOR" => AttributeType.Tensor,
        "GRAPH" => AttributeType.Graph,
        "SPARSE_TENSOR" => AttributeType.SparseTensor,
        "TYPE_PROTO" => AttributeType.TypeProto,
        "FLOATS" => AttributeType.Floats,
        "INTS" => AttributeType.Ints,
        "STRINGS" => AttributeType.Strings,
        "TENSORS" => AttributeType.Tensors,
        "GRAPHS" => AttributeType.Graphs,
        "SPARSE_TENSORS" => AttributeType.SparseTensors,
        "TYPE_PROTOS" => AttributeType.TypeProtos,
        _ => throw new FormatException($"unknown attribute kind '{kind}'"),
    };

    private static TypeConstraint ParseTypeConstraint(JsonElement entry) => new(
        entry.GetProperty("n").GetString()!,
        entry.GetProperty("a").EnumerateArray().Select(type => type.GetString()!).ToArray());

    private static bool Flag(JsonElement entry, string key) =>
        entry.TryGetProperty(key, out var value) && value.GetBoolean();

    private static int Int(JsonElement entry, string key) =>
        entry.TryGetProperty(key, out var value) ? value.GetInt32() : 0;

    private static IReadOnlyList<T> List<T>(JsonElement entry, string key, Func<JsonElement, T> parse) =>
        entry.TryGetProperty(key, out var array) ? array.EnumerateArray().Select(parse).ToArray() : [];
}
