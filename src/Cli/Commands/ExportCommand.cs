using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;
using OnnxKit.Schemas;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// <c>onnxkit export NAME|--script F.csx|--assembly A.dll --model T -o FILE [--opset N] ...</c>:
/// export a zoo model or the user's own model; <c>onnxkit export --list</c> lists the zoo.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "The zoo model to export (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the zoo's models and exit." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The .onnx file to write (weights over the size limit go to FILE.data)." };
        var opset = new Option<int>("--opset")
        {
            Description = $"Target ai.onnx opset, {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.",
            DefaultValueFactory = _ => ExportOptions.DefaultOpset,
        };
        var batch = CliArguments.Bounded(new Option<long?>("--batch") { Description = "A fixed batch size (default: a symbolic batch dimension), 1 to 2^31-1." }, 1, int.MaxValue);
        var limits = new LimitArguments(runs: false);
        var seed = new Option<ulong>("--seed") { Description = "Seed for generated weights (default 0)." };
        var weights = new Option<string?>("--weights") { Description = "Trained weights: a .npz archive or a folder of layer/weight.npy files, keyed layer/weight." };
        var kerasWeights = new Option<bool>("--keras-layout") { Description = "The weights file stores kernels in Keras's layout ([kh, kw, in, out]); transpose them." };
        var channelsLast = new Option<bool>("--channels-last") { Description = "Accept and produce NHWC images (a Transpose at the boundary; Flatten in Keras's order)." };
        var externalData = CliArguments.Choice("--external-data",
            "auto: weights go to FILE.data only past protobuf's 2 GiB limit; always; never.", ExternalDataChoice.Auto);
        var script = new Option<FileInfo?>("--script") { Description = "A C# script (.csx) whose last expression is the model." };
        var assembly = new Option<FileInfo?>("--assembly") { Description = "A compiled assembly that defines the model (with --model)." };
        var modelType = new Option<string?>("--model") { Description = "With --assembly: the model type (a Network subclass) or static factory method, e.g. My.Models.Net or My.Models.Factory.Build." };
        var json = CliArguments.Json();
        var zoo = new ZooOptionsArguments();
        var command = new Command("export", $"Export a zoo model or your own model (C# script or assembly) to ONNX at any opset from {OpsetSupport.MinOpset} to {OpsetSupport.MaxOpset}.")
        {
            name, list, output, opset, batch, seed, weights, kerasWeights, channelsLast, externalData, script, assembly, modelType, json,
        };
        zoo.AddTo(command);
        limits.AddTo(command);
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            if (parse.GetValue(list))
            {
                if (parse.GetValue(json)) JsonOutput.Print(ModelZoo.All.Select(m => new { m.Name, m.Description, m.Source, m.SourceInput, Options = m.Options.ToString() }));
                else ZooRenderer.Render(ModelZoo.All, zoo.Flags);
                return ExitCodes.Ok;
            }
            var source = Source(parse.GetValue(name), parse.GetValue(script), parse.GetValue(assembly), parse.GetValue(modelType), zoo.Read(parse));
            var file = parse.GetValue(output) ?? throw new UsageException("Give the output file with -o FILE.onnx.");
            int target = parse.GetValue(opset);
            if (target < OpsetSupport.MinOpset || target > OpsetSupport.MaxOpset)
                throw new UsageException($"--opset {target} is outside the supported range {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.");
            string? weightsPath = parse.GetValue(weights);
            if (weightsPath is not null && !File.Exists(weightsPath) && !Directory.Exists(weightsPath))
                throw new UsageException($"Weights '{weightsPath}' do not exist.");
            var options = new ExportOptions
            {
                Opset = target,
                BatchSize = parse.GetValue(batch),
                Limits = limits.Limits(parse),
                Cancellation = cancellationToken,
                Seed = parse.GetValue(seed),
                ChannelsLast = parse.GetValue(channelsLast),
                ExternalData = parse.GetValue(externalData) switch
                {
                    ExternalDataChoice.Always => ExternalDataMode.External,
                    ExternalDataChoice.Never => ExternalDataMode.Embed,
                    _ => ExternalDataMode.Auto,
                },
            };
            var report = ExportJob.Run(source, CliArguments.OutputFile(file, "-o"), options, weightsPath, parse.GetValue(kerasWeights) ? WeightLayout.Keras : WeightLayout.Onnx);
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else ZooRenderer.RenderExport(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ModelSource Source(string? name, FileInfo? script, FileInfo? assembly, string? modelType, ZooOptions zooOptions)
    {
        int given = (name is null ? 0 : 1) + (script is null ? 0 : 1) + (assembly is null ? 0 : 1);
        if (given != 1) throw new UsageException("Give exactly one model: a zoo NAME, --script FILE.csx, or --assembly FILE.dll --model TYPE (or --list).");
        if (modelType is not null && assembly is null) throw new UsageException("--model goes with --assembly.");
        if (script is not null) return new ModelSource.Script(CliArguments.ExistingFile(script));
        if (assembly is not null)
        {
            if (modelType is null) throw new UsageException("--assembly needs --model TYPE (the model type or static factory method).");
            return new ModelSource.AssemblyType(CliArguments.ExistingFile(assembly), modelType);
        }
        if (!ModelZoo.All.Any(m => m.Name == name))
            throw new UsageException($"No zoo model named '{name}'; 'onnxkit export --list' shows them.");
        return new ModelSource.Zoo(name!, zooOptions);
    }

    /// <summary>The values of <c>--external-data</c>.</summary>
    private enum ExternalDataChoice
    {
        Auto,
        Always,
        Never,
    }
}
