using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Data;
using OnnxKit.Training.Distillation;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// <c>onnxkit soft-targets TEACHER.onnx --data SPEC [--temperature T] -o targets.npz</c>: run a teacher over a
/// transfer set in batches on ONNX Runtime (with a progress bar) and save its logits and soft targets.
/// </summary>
internal static class SoftTargetsCommand
{
    public static Command Create()
    {
        var teacher = new Argument<FileInfo>("teacher") { Description = "The teacher: an ONNX classifier, or one prepared by distill-prep." };
        var data = new Option<string>("--data") { Description = "The transfer set: fashion-mnist:train, an IDX file, a .npz archive, a folder of .npy files or images, or a .csv table.", Required = true };
        var temperature = new Option<float?>("--temperature") { Description = "Temperature T of Softmax(logits / T), for a teacher not prepared by distill-prep (whose own T is used)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The .npz archive: arrays 'logits' and 'soft_targets', [records, classes].", Required = true };
        var batch = new Option<int>("--batch") { Description = "Records per ONNX Runtime run.", DefaultValueFactory = _ => 256 };
        var scale = new Option<string?>("--scale") { Description = "Multiply input values, e.g. 1/255 (default: 1/255 for byte data such as pixels, else 1)." };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N records." };
        var json = CliArguments.Json();
        var command = new Command("soft-targets", "Run a teacher over a transfer set on ONNX Runtime and save its logits and soft targets (.npz).")
        {
            teacher, data, temperature, output, batch, scale, limit, json,
        };
        CommandAction.Set(command, parse =>
        {
            if (parse.GetValue(temperature) is { } t && (!(t > 0) || float.IsInfinity(t))) throw new UsageException($"--temperature must be a positive number, not {t}.");
            if (parse.GetValue(batch) < 1) throw new UsageException("--batch must be at least 1.");
            if (parse.GetValue(limit) is < 1) throw new UsageException("--limit must be at least 1.");
            var request = new SoftTargetsRequest(CliArguments.ExistingFile(parse.GetValue(teacher)!), TrainingArguments.ParseData(parse.GetValue(data)!, "--data"),
                CliArguments.OutputFile(parse.GetValue(output)!, "--output"), parse.GetValue(temperature), parse.GetValue(batch),
                parse.GetValue(scale) is { } s ? TrainingArguments.ParseScale(s) : null, parse.GetValue(limit));
            bool asJson = parse.GetValue(json);
            var source = DataSources.Open(request.Data, options: request.Limit is { } n ? DataReadOptions.Default with { Limit = n } : null);
            var report = EvaluationRenderer.WithProgress(source, progress => SoftTargetsJob.Run(request, progress), quiet: asJson);
            if (asJson) JsonOutput.Print(report);
            else TrainingRenderer.RenderSoftTargets(report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
