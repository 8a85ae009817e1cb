using System.Text.Json;
using System.Text.Json.Serialization;
using OnnxKit.Evaluation.Results;
using OnnxKit.Serialization;

namespace OnnxKit.Evaluation.Reports;

/// <summary>
/// The JSON form of an <see cref="EvaluationReport"/>: camelCase, indented, enums as strings,
/// undefined measures as null. docs/evaluation.md documents the schema.
/// </summary>
public static class EvaluationJson
{
    /// <summary>The serializer settings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The report as JSON text.</summary>
    public static string Serialize(EvaluationReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes the report to <paramref name="path"/> atomically (nothing is left behind if writing fails).</summary>
    public static void Write(string path, EvaluationReport report) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, report, Options));
}
