using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Evaluation;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Reports;
using OnnxKit.Execution;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit eval MODEL [MODEL ...] --data SPEC</c>: accuracy and the other performance measures on labelled data, models side by side.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var models = new Argument<FileInfo[]>("models")
        {
            Description = "One or more models; with several, each is compared with the first (agreement, changed examples, McNemar's test).",
            Arity = ArgumentArity.OneOrMore,
        };
        var dataArguments = new DataArguments();
        var output = new Option<string?>("--output") { Description = "Evaluate only this output (default: every output with labels)." };
        var labels = new Option<FileInfo?>("--labels") { Description = "A text file of class names, one per line, in class-index order." };
        var task = CliArguments.Choice("--task", "What the outputs predict: auto (from the shapes and labels), classification, binary, multilabel or regression.", EvaluationTask.Auto);
        var threshold = CliArguments.Bounded(new Option<double?>("--threshold") { Description = "Decision threshold on a class's probability for two-class cells and binary predictions (0 to 1, default 0.5)." }, 0, 1);
        var costs = new Option<string?>("--costs") { Description = "Costs of the outcomes as tp,fn,fp,tn (e.g. 0,5,1,0) for cost-weighted results." };
        var batchSize = CliArguments.Bounded(new Option<int>("--batch-size") { Description = "Records per model run (1 to 1,000,000).", DefaultValueFactory = _ => 256 }, 1, 1_000_000);
        var backend = CliArguments.Choice("--backend", "ort (ONNX Runtime) or reference (OnnxKit's C# evaluator).", BackendKind.Ort);
        // A short spin: the measures computed after the last batch then have both cores (see SessionSettings.ShortSpinMicroseconds).
        var runtime = new RuntimeArguments(Runtime.SessionSettings.ShortSpinMicroseconds);
        var json = new Option<string?>("--json") { Description = "Write the full report as JSON to this file ('-' for standard output)." };
        var report = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML page with SVG plots (ROC, PR, lift, confusion heat map, reliability diagram)." };
        var command = new Command("eval", "Evaluate models on labelled data: accuracy, confusion matrix, precision/recall/F1, ROC and PR curves, lift, costs, calibration; several models side by side.")
        {
            models, output, labels, task, threshold, costs, batchSize, backend, json, report,
        };
        dataArguments.AddTo(command);
        runtime.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var files = parse.GetRequiredValue(models);
            var paths = files.Select(CliArguments.ExistingFile).ToArray();
            var options = new EvaluationOptions
            {
                BatchSize = parse.GetValue(batchSize),
                Preprocessing = dataArguments.Preprocessing(parse),
                Output = parse.GetValue(output),
                Task = parse.GetValue(task),
                ClassNames = parse.GetValue(labels) is { } file ? ClassNames(CliArguments.ExistingFile(file)) : null,
                Threshold = parse.GetValue(threshold),
                Costs = parse.GetValue(costs) is { } c ? ParseCosts(c) : null,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            var data = Data.DataSources.Open(dataArguments.Spec(parse), options.Preprocessing, dataArguments.ReadOptions(parse));
            string? jsonPath = parse.GetValue(json);
            string? reportPath = parse.GetValue(report)?.FullName;

            var backends = new List<IModelBackend>();
            try
            {
                var names = ModelNames(paths);
                var settings = runtime.Settings(parse);
                var evaluated = paths.Select((p, i) =>
                {
                    var opened = Backends.Open(parse.GetValue(backend), p, RuntimeArguments.ForModel(settings, i, paths.Length));
                    backends.Add(opened);
                    return new EvaluatedModel(names[i], opened);
                }).ToArray();
                var result = EvaluationRenderer.WithProgress(data, progress => EvaluationRunner.Run(evaluated, data, options, progress), quiet: jsonPath == "-");
                if (jsonPath == "-") Console.Out.WriteLine(EvaluationJson.Serialize(result));
                else EvaluationRenderer.Render(result);
                if (jsonPath is not null and not "-") EvaluationJson.Write(jsonPath, result);
                if (reportPath is not null) EvaluationPage.Save(EvaluationPage.Render(result), reportPath);
                return ExitCodes.Ok;
            }
            finally
            {
                foreach (var opened in backends) opened.Dispose();
            }
        });
        return command;
    }

    /// <summary>File names, or full paths where two models share a file name.</summary>
    private static string[] ModelNames(string[] paths)
    {
        var names = paths.Select(p => Path.GetFileName(p)).ToArray();
        return names.Distinct().Count() == names.Length ? names : paths;
    }

    private static string[] ClassNames(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static OutcomeCosts ParseCosts(string text)
    {
        try
        {
            return OutcomeCosts.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--costs: {e.Message}");
        }
    }
}
