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

    /// <summary>One line of the table, its schema not parsed yet: what identifies it, and its text.</summary>
    /// <param name="Domain">The operator's domain as the table writes it.</param>
    /// <param name="Name">The operator's name.</param>
    /// <param name="SinceVersion">The opset version the schema starts at.</param>
    /// <param name="Json">The line, parsed by <see cref="Parse"/> when the schema is needed.</param>
    /// <param name="LineNumber">Where the line is, for error messages.</param>
    public sealed record Entry(string Domain, string Name, int SinceVersion, string Json, int LineNumber);

    /// <summary>
    /// The embedded table's lines, each read only as far as its domain, name and since-version: a command that
    /// infers shapes for a few operators then parses their schemas alone, not all of the table's.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A line lacks a domain, name or since-version, or is not JSON as far as they are (the rest of a line is checked
    /// when <see cref="Parse"/> reads it).
    /// </exception>
    public static IReadOnlyList<Entry> ReadEmbeddedEntries()
    {
        using var stream = typeof(OpSchemaTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new List<Entry>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0) entries.Add(ReadKeys(line, lineNumber));
        }

        return entries;
    }

    /// <summary>The schema on <paramref name="entry"/>'s line.</summary>
    /// <exception cref="InvalidDataException">The line is not a valid schema entry.</exception>
    public static OpSchema Parse(Entry entry) => ParseLine(entry.Json, entry.LineNumber);

    /// <summary>
    /// Reads the top-level <c>d</c>, <c>op</c> and <c>v</c> of a line, skipping every other value unparsed, and stops
    /// once it has all three: the generator writes them first, so the rest of the line (most of the table's bytes) is
    /// not even tokenized; a line with them elsewhere is read as far as they are.
    /// </summary>
    private static Entry ReadKeys(string line, int lineNumber)
    {
        string? domain = null, name = null;
        int? since = null;
        try
        {
            var json = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(line));
            json.Read();
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                string key = json.GetString()!;
                json.Read();
                switch (key)
                {
                    case "d": domain = json.GetString(); break;
                    case "op": name = json.GetString(); break;
                    case "v": since = json.GetInt32(); break;
                    default: json.Skip(); break;
                }
                if (domain is not null && name is not null && since is not null) break;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Operator-schema table, line {lineNumber}: {e.Message}", e);
        }

        return domain is null || name is null || since is null
            ? throw new InvalidDataException($"Operator-schema table, line {lineNumber}: the domain, operator name or since-version is missing.")
            : new Entry(domain, name, since.Value, line, lineNumber);
    }

    private static OpSchema ParseLine(string line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return ParseSchema(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Operator-schema table, line {lineNumber}: {e.Message}", e);
        }
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
