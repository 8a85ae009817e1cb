using OnnxKit.Data;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Evaluation;
using OnnxKit.Evaluation.Reports;
using OnnxKit.Evaluation.Results;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;
using OnnxKit.Runtime;

namespace OnnxKit.Cli.Demo;

/// <summary>
/// The demo's accuracy check on real data: LeNet-5 with the weights trained on Fashion-MNIST
/// (shipped inside the tool), exported at the demo's opset, optimized and converted to float16,
/// and the three evaluated side by side on the Fashion-MNIST test set, so the variants are
/// judged by accuracy as well as speed. Skipped, saying why, where the data set is not installed.
/// </summary>
internal static class DemoEvaluation
{
    /// <summary>The trained zoo model the step evaluates.</summary>
    public const string Model = "lenet5";

    private const string WeightsResource = "OnnxKit.Cli.Demo.lenet5.fashion-mnist.npz";

    /// <summary>Runs the step; null when Fashion-MNIST is not installed.</summary>
    public static EvaluationReport? Run(DemoSettings settings, Action<DemoStep> report)
    {
        if (FashionMnist.MissingReason() is { } missing)
        {
            report(new DemoStep("eval", "skipped: " + missing, null, Skipped: true));
            return null;
        }
        string stem = Path.Combine(settings.OutputDirectory, Model);
        string weights = stem + ".fashion-mnist.npz";
        using (var resource = typeof(DemoEvaluation).Assembly.GetManifestResourceStream(WeightsResource)
            ?? throw new InvalidOperationException($"The tool lacks its embedded resource {WeightsResource}."))
        {
            Serialization.AtomicFile.Write(weights, resource.CopyTo);
        }
        string exported = stem + ".onnx";
        ExportJob.Run(new ModelSource.Zoo(Model, new ZooOptions()), exported, new ExportOptions { Opset = settings.Opset, Seed = (ulong)settings.Seed, Cancellation = settings.Cancellation }, weights);
        var paths = new List<string> { exported };
        paths.AddRange(DemoVariants.Create(exported, settings with { Model = Model }, _ => { }));

        var data = DataSources.Open(DataSpec.Parse("fashion-mnist:test"));
        var options = new EvaluationOptions { Preprocessing = new PreprocessingOptions { Scale = 1.0 / 255 } };
        var sessions = paths.Select(p => OnnxSession.Open(p, new SessionSettings { IntraOpSpinMicroseconds = SessionSettings.ShortSpinMicroseconds })).ToArray();
        try
        {
            var result = EvaluationRunner.Run(paths.Select((p, i) => new EvaluatedModel(Path.GetFileName(p), sessions[i])).ToArray(), data, options,
                cancellationToken: settings.Cancellation);
            EvaluationJson.Write(stem + ".eval.json", result);
            string page = stem + ".eval.html";
            EvaluationPage.Save(EvaluationPage.Render(result), page);
            report(new DemoStep("eval", Summary(result), page));
            return result;
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    private static string Summary(EvaluationReport result)
    {
        var accuracies = string.Join(", ", result.Models.Select(m => $"{m.Name} {m.Accuracy:P2}"));
        var tests = string.Join(", ", result.Comparisons.Select(c => $"{c.Model}: {c.Changed} changed, McNemar p = {c.McNemar?.ExactPValue:0.###}"));
        return $"trained {Model} on {result.Data}: {accuracies}; {tests}";
    }
}
