using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnnxKit.Cli.Rendering;

/// <summary>The JSON form of every <c>--json</c> report: camelCase, indented, enums as strings.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Print<T>(T report) => Console.Out.WriteLine(JsonSerializer.Serialize(report, Options));

    /// <summary>Writes the report to a file atomically.</summary>
    public static void Write<T>(string path, T report) =>
        OnnxKit.Serialization.AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, report, Options));
}
