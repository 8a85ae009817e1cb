using System.CommandLine;
using System.Globalization;
using OnnxKit.Cli.Rendering;
using OnnxKit.Optimizer.Distillation;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// <c>onnxkit distill-prep TEACHER.onnx [MORE.onnx ...] -o OUT.onnx --temperature T [--combine logits|probabilities] [--member-weights w1,w2,...] [--expose TENSOR,...]</c>:
/// expose a classifier's logits and add soft targets; several teachers are merged into one ensemble model.
/// </summary>
internal static class DistillPrepCommand
{
    public static Command Create()
    {
        var teachers = new Argument<FileInfo[]>("teachers") { Description = "Teacher ONNX file(s); several are merged into one ensemble model sharing their input.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The prepared model's .onnx file.", Required = true };
        var temperature = new Option<float>("--temperature") { Description = "Temperature T of the output soft_targets = Softmax(logits / T) (> 0).", DefaultValueFactory = _ => 1f };
        var combine = CliArguments.Choice("--combine", "How an ensemble is averaged: logits (mean logits, then the temperature softmax) or probabilities (mean of the members' temperature softmaxes).", EnsembleCombine.Logits);
        var weights = new Option<string?>("--member-weights") { Description = "Comma-separated positive weight per teacher (normalized to sum to 1); default equal." };
        var expose = new Option<string?>("--expose") { Description = "Comma-separated intermediate tensors to add as outputs (hint layers; in an ensemble by prefixed name, e.g. teacher1/relu)." };
        var json = CliArguments.Json();
        var command = new Command("distill-prep", "Prepare ONNX teacher(s) for distillation: outputs 'logits' and 'soft_targets' = Softmax(logits / T); several teachers become one ensemble model.")
        {
            teachers, output, temperature, combine, weights, expose, json,
        };
        CommandAction.Set(command, parse =>
        {
            float t = parse.GetValue(temperature);
            if (!(t > 0) || float.IsInfinity(t)) throw new UsageException($"--temperature must be a positive number, not {t}.");
            var files = parse.GetValue(teachers)!.Select(CliArguments.ExistingFile).ToArray();
            var request = new DistillPrepRequest(files, CliArguments.OutputFile(parse.GetValue(output)!, "--output"), t, parse.GetValue(combine),
                parse.GetValue(weights) is { } text ? ParseWeights(text) : null, parse.GetValue(expose) is { } names ? SplitList(names) : null);
            if (request.MemberWeights is { } w && w.Count != files.Length)
                throw new UsageException($"--member-weights gives {w.Count} weights for {files.Length} teachers.");
            var report = DistillPrep.Run(request);
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else TrainingRenderer.RenderDistillPrep(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string[] SplitList(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double[] ParseWeights(string text) => SplitList(text).Select(part =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double w) && w > 0 && double.IsFinite(w)
            ? w
            : throw new UsageException($"--member-weights: '{part}' is not a positive number.")).ToArray();
}
