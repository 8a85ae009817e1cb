using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Execution;
using OnnxKit.Optimizer.Conversion;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit convert IN -o OUT --opset N [--ir-version V] [--allow-approximate] [--no-fuse] [--verify N] [--json]</c>.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model("The ONNX model to convert (it is never modified).");
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the converted model (written atomically).", Required = true };
        var opset = new Option<int>("--opset") { Description = $"The ai.onnx opset to convert to, {OpsetConverter.MinTargetOpset} to {OpsetConverter.MaxTargetOpset}.", Required = true };
        var irVersion = new Option<long?>("--ir-version") { Description = "The IR version to write (default: the model's, raised to what the opset needs)." };
        var approximate = new Option<bool>("--allow-approximate") { Description = "Accept the rewrites docs/convert.md lists as approximate instead of refusing them." };
        var noFuse = new Option<bool>("--no-fuse") { Description = "Going up, keep spelled-out Gelu, LayerNormalization, HardSwish and Mish subgraphs instead of fusing them into the operators the target opset has." };
        var verify = new Option<int>("--verify") { Description = "Random input sets to compare the outputs on (0: no verification).", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 0 };
        var json = CliArguments.Json();
        var command = new Command("convert", "Convert a model to another ai.onnx opset, up or down, and verify it computes the same outputs.")
        {
            model, output, opset, irVersion, approximate, noFuse, verify, seed, json,
        };
        CommandAction.Set(command, parse =>
        {
            int target = parse.GetValue(opset);
            if (target is < OpsetConverter.MinTargetOpset or > OpsetConverter.MaxTargetOpset)
                throw new UsageException($"--opset {target} is not a conversion target: OnnxKit converts to ai.onnx opsets {OpsetConverter.MinTargetOpset} to {OpsetConverter.MaxTargetOpset}.");
            if (parse.GetValue(verify) < 0) throw new UsageException("--verify takes a count of input sets, 0 or more.");
            var request = new ConvertFileRequest
            {
                InputPath = CliArguments.ExistingFile(parse.GetRequiredValue(model)),
                OutputPath = CliArguments.OutputFile(parse.GetRequiredValue(output), "-o"),
                Options = new ConvertOptions { TargetOpset = target, IrVersion = parse.GetValue(irVersion), AllowApproximate = parse.GetValue(approximate), FuseNativeOps = !parse.GetValue(noFuse) },
                VerifyInputSets = parse.GetValue(verify),
                Seed = parse.GetValue(seed),
                VerificationBackend = Backends.ForVerification(verifies: parse.GetValue(verify) > 0),
                Tolerance = Tolerance.Float32 with { WidenForCoarseTypes = true },
            };
            var report = ModelFileConverter.Convert(request);
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else ConversionRenderer.Render(report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
