using OnnxKit.Checker;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;
using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Serialization;
using OnnxKit.Viewer;

namespace OnnxKit.Cli.Demo;

/// <summary>
/// The main job, end to end on CPU: export a zoo model at a chosen opset, check it,
/// derive its variants, benchmark them side by side, write the graph page, and judge
/// a trained model's variants by their accuracy on Fashion-MNIST.
/// Each step reports what it wrote through <see cref="DemoStep"/>s.
/// </summary>
internal static class DemoPipeline
{
    public static DemoResult Run(DemoSettings settings, Action<DemoStep> report)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        string exported = Path.Combine(settings.OutputDirectory, $"{settings.Model}.onnx");
        var export = ExportJob.Run(new ModelSource.Zoo(settings.Model, new ZooOptions()), exported,
            new ExportOptions { Opset = settings.Opset, Seed = (ulong)settings.Seed, Cancellation = settings.Cancellation });
        report(new DemoStep("export", $"{settings.Model} at opset {settings.Opset}: {export.Parameters:N0} parameters", exported));

        var model = OnnxFile.Load(exported);
        var check = ModelChecker.Check(model);
        if (!check.IsValid) throw new OnnxKitException($"The exported model is invalid:{Environment.NewLine}{check}");
        report(new DemoStep("check", $"valid ({check.WarningCount} warning(s))", exported));

        var variants = new List<string> { exported };
        variants.AddRange(DemoVariants.Create(exported, settings, report));

        var bench = BenchmarkReport.Measure(variants, new BenchmarkOptions { Warmup = 5, Iterations = settings.Iterations, Seed = settings.Seed }, null, settings.Cancellation);
        settings.Cancellation.ThrowIfCancellationRequested(); // an interrupted benchmark covers only part of the runs
        report(new DemoStep("bench", $"{variants.Count} variant(s), {settings.Iterations} runs each", null));

        string page = Path.Combine(settings.OutputDirectory, $"{settings.Model}.html");
        string html = variants.Count > 1
            ? ViewerPage.RenderDiff(model, Path.GetFileName(exported), OnnxFile.Load(variants[1]), Path.GetFileName(variants[1]))
            : ViewerPage.Render(model, Path.GetFileName(exported));
        ViewerPage.Save(html, page);
        report(new DemoStep("view", variants.Count > 1 ? "graph page with the optimizer's changes" : "graph page", page));
        var evaluation = DemoEvaluation.Run(settings, report);
        return new DemoResult(variants, bench, page, evaluation);
    }
}
