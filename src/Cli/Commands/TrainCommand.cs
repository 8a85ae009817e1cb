using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Schemas;
using OnnxKit.Training.Jobs;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// <c>onnxkit train NAME|SCRIPT.csx --data SPEC --epochs N [--batch B] [--optimizer sgd|adam] [--lr X] [--seed S] -o OUT.onnx [--weights-out W.npz]</c>:
/// train a zoo model or the user's own model on ONNX Runtime and write the trained model.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A zoo model name or a C# script (.csx) whose last expression is the model." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The trained .onnx file to write.", Required = true };
        var weightsOut = new Option<FileInfo?>("--weights-out") { Description = "Also write the trained weights as a .npz archive keyed layer/weight (what export --weights reads)." };
        var opset = new Option<int>("--opset") { Description = "The opset of the written model.", DefaultValueFactory = _ => 17 };
        var loss = new Option<LossKind>("--loss") { Description = "auto (from the model's output), crossentropy, binarycrossentropy or meansquarederror.", DefaultValueFactory = _ => LossKind.Auto };
        var json = CliArguments.Json();
        var training = new TrainingArguments();
        var zoo = new ZooOptionsArguments();
        var command = new Command("train", "Train a zoo model or your own model (C# script) on ONNX Runtime and write it as ONNX.") { model, output, weightsOut, opset, loss, json };
        training.AddTo(command);
        zoo.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            int target = parse.GetValue(opset);
            if (target < OpsetSupport.MinOpset || target > OpsetSupport.MaxOpset)
                throw new UsageException($"--opset {target} is outside the supported range {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.");
            var request = new TrainRequest(TrainingArguments.DslModel(parse.GetValue(model)!, zoo.Read(parse)), training.Read(parse),
                parse.GetValue(output)!.FullName, parse.GetValue(weightsOut)?.FullName, target, parse.GetValue(loss));
            bool asJson = parse.GetValue(json);
            var report = TrainJob.Run(request, asJson ? null : Console.Out);
            if (asJson) JsonOutput.Print(report);
            else TrainingRenderer.RenderTrain(report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
