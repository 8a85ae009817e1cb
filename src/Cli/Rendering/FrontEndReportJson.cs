using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OnnxKit.Cli.Commands;
using OnnxKit.Inspection;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Viewer.Text;

namespace OnnxKit.Cli.Rendering;

/// <summary>
/// The <c>--json</c> and <c>--report</c> output of the commands the native front end serves (<c>inspect</c>,
/// <c>check</c>, <c>optimize</c>, and <c>quantize</c>'s report, which <c>optimize --int8</c> writes), serialized by
/// source-generated code instead of reflection, which native AOT cannot run. Its settings
/// are those of <see cref="JsonOutput.Options"/> (camelCase, indented, nulls left out, enums as strings);
/// tests hold the two to the same bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelInspection))]
[JsonSerializable(typeof(TreeItem))]
[JsonSerializable(typeof(CheckResult))]
[JsonSerializable(typeof(FileOptimizationReport))]
[JsonSerializable(typeof(FileQuantizationReport))]
[JsonSerializable(typeof(IReadOnlyList<PassInfo>))]
internal sealed partial class FrontEndReportJson : JsonSerializerContext
{
    /// <summary>Prints <paramref name="report"/> to standard output as <see cref="JsonOutput.Print{T}(T)"/> would.</summary>
    public static void Print<T>(T report, JsonTypeInfo<T> type) => Console.Out.WriteLine(JsonSerializer.Serialize(report, type));

    /// <summary>Writes <paramref name="report"/> to a file atomically, as <see cref="JsonOutput.Write{T}(string, T)"/> would.</summary>
    public static void Write<T>(string path, T report, JsonTypeInfo<T> type) =>
        OnnxKit.Serialization.AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, report, type));
}
