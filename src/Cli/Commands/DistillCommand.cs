using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Data;
using OnnxKit.Schemas;
using OnnxKit.Training.Jobs;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// <c>onnxkit distill --teacher T.onnx [T2.onnx ...] --student NAME|SCRIPT.csx --data SPEC --temperature T --alpha A --epochs N [--seed S] -o STUDENT.onnx [--baseline]</c>:
/// train a student on ONNX teachers' soft targets and print teacher, student and baseline accuracy side by side.
/// </summary>
internal static class DistillCommand
{
    public static Command Create()
    {
        var teachers = new Option<string[]>("--teacher") { Description = "Teacher ONNX file(s); several form an ensemble (their logits are averaged).", Required = true, AllowMultipleArgumentsPerToken = true };
        var student = new Option<string>("--student") { Description = "The student: a zoo model name or a C# script (.csx).", Required = true };
        var temperature = new Option<float>("--temperature") { Description = "Softmax temperature T of the soft targets (> 0).", DefaultValueFactory = _ => 4f };
        var alpha = new Option<float>("--alpha") { Description = "Weight of the soft-target term, in [0, 1]: loss = α·T²·CE(soft) + (1 − α)·CE(labels).", DefaultValueFactory = _ => 0.9f };
        var test = new Option<string?>("--test") { Description = "Data to score teacher, student and baseline on (default: the validation data, or fashion-mnist:test)." };
        var baseline = new Option<bool>("--baseline") { Description = "Also train the same student on the labels alone and score it." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The distilled student's .onnx file.", Required = true };
        var weightsOut = new Option<FileInfo?>("--weights-out") { Description = "Also write the student's weights as a .npz archive keyed layer/weight." };
        var softTargets = new Option<FileInfo?>("--soft-targets") { Description = "Logits saved by 'onnxkit soft-targets' over the same training data, used instead of running the teachers over it again." };
        var opset = new Option<int>("--opset") { Description = "The opset of the written student.", DefaultValueFactory = _ => 17 };
        var json = CliArguments.Json();
        var training = new TrainingArguments();
        var zoo = new ZooOptionsArguments();
        var command = new Command("distill", "Distill ONNX teacher(s) into a student trained on ONNX Runtime; print teacher, student and baseline test accuracy.")
        {
            teachers, student, temperature, alpha, test, baseline, output, weightsOut, softTargets, opset, json,
        };
        training.AddTo(command);
        zoo.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            float t = parse.GetValue(temperature), a = parse.GetValue(alpha);
            if (!(t > 0) || float.IsInfinity(t)) throw new UsageException($"--temperature must be a positive number, not {t}.");
            if (!(a is >= 0 and <= 1)) throw new UsageException($"--alpha must be in [0, 1], not {a}.");
            int target = parse.GetValue(opset);
            if (target < OpsetSupport.MinOpset || target > OpsetSupport.MaxOpset)
                throw new UsageException($"--opset {target} is outside the supported range {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.");
            var teacherFiles = parse.GetValue(teachers)!.Select(f => CliArguments.ExistingFile(new FileInfo(f))).ToArray();
            DataSpec? testSpec = null;
            if (parse.GetValue(test) is { } testText)
            {
                try { testSpec = DataSpec.Parse(testText); }
                catch (ArgumentException e) { throw new UsageException($"--test: {e.Message}"); }
            }
            var request = new DistillRequest(teacherFiles, TrainingArguments.DslModel(parse.GetValue(student)!, zoo.Read(parse), "student"), training.Read(parse),
                t, a, parse.GetValue(output)!.FullName, testSpec, parse.GetValue(baseline), parse.GetValue(weightsOut)?.FullName, target,
                parse.GetValue(softTargets) is { } saved ? CliArguments.ExistingFile(saved) : null);
            bool asJson = parse.GetValue(json);
            var report = DistillJob.Run(request, asJson ? null : Console.Out);
            if (asJson) JsonOutput.Print(report);
            else TrainingRenderer.RenderDistill(report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
