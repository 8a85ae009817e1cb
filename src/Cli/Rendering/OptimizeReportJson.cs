using System.Text.Json;
using System.Text.Json.Serialization;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization;

namespace OnnxKit.Cli.Rendering;

/// <summary>
/// The <c>--json</c> and <c>--report</c> output of <c>optimize</c> (and of <c>quantize</c>, which <c>optimize --int8</c>
/// runs), serialized by source-generated code so that the native front end can serve the command. Its settings are
/// those of <see cref="JsonOutput.Options"/>, as <see cref="LightReportJson"/>'s are; a test holds the two to the same bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(FileOptimizationReport))]
[JsonSerializable(typeof(FileQuantizationReport))]
[JsonSerializable(typeof(IReadOnlyList<PassInfo>))]
internal sealed partial class OptimizeReportJson : JsonSerializerContext;
