using System.Diagnostics;
using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Execution;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Optimizer.Tests.Conformance;

/// <summary>
/// Every ONNX conformance model, optimized with every pass: it must still pass the checker (when the
/// original does), compute what ONNX Runtime computes for the original on the case's own inputs
/// (float32 within rtol 1e-4 / atol 1e-5; float16 and bfloat16 at their own precision; everything else
/// exactly), give the same bytes when optimized again (idempotent) and when optimized twice from the
/// original (deterministic). The declarative rewrite rules alone must also give the graphs recorded in
/// <c>rewrite-digests.txt</c> (see <see cref="RewriteDigests"/> for how that file was made and how to
/// regenerate it).
/// </summary>
public sealed class BackendModelOptimizationTests(ITestOutputHelper output)
{
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void EveryConformanceModelOptimizesToAValidEquivalentFixedPoint()
    {
        var failures = new Dictionary<string, List<string>>
        {
            ["crashed"] = [], ["checker"] = [], ["outputs"] = [], ["not runnable after"] = [], ["idempotence"] = [], ["determinism"] = [],
            ["rewrite digests"] = [],
        };
        var digests = new RewriteDigests(Path.Combine(RepositoryPaths.Root, "tests", "OnnxKit.Optimizer.Tests", "Conformance", "rewrite-digests.txt"));
        int models = 0, compared = 0, changed = 0, notRunnable = 0, checkerInvalidOriginals = 0;
        var passChanges = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var path in SharedData.BackendModels())
        {
            string name = Path.GetFileName(Path.GetDirectoryName(path))!;
            models++;
            var original = OnnxFile.Load(path);
            if (digests.Check(name, original) is { } changedGraph) failures["rewrite digests"].Add(changedGraph);
            byte[] first, second, again;
            try
            {
                var result = ModelOptimizer.Optimize(original, Options);
                foreach (var pass in result.Report.Runs.Where(r => r.Modified).Select(r => r.Pass).Distinct())
                    passChanges[pass] = passChanges.GetValueOrDefault(pass) + 1;
                first = OnnxFile.ToBytes(result.Model);
                second = OnnxFile.ToBytes(Optimize(original));
                again = OnnxFile.ToBytes(Optimize(OnnxFile.Load(first)));
            }
            catch (Exception e)
            {
                failures["crashed"].Add($"{name}: {e.GetType().Name}: {e.Message}");
                continue;
            }
            var optimized = OnnxFile.Load(first);
            if (!first.AsSpan().SequenceEqual(OnnxFile.ToBytes(original))) changed++;
            if (!first.AsSpan().SequenceEqual(second)) failures["determinism"].Add(name);
            if (!first.AsSpan().SequenceEqual(again)) failures["idempotence"].Add(name);

            if (!ModelChecker.Check(original).IsValid) checkerInvalidOriginals++;
            else if (ModelChecker.Check(optimized) is { IsValid: false } report)
                failures["checker"].Add($"{name}: {report.Problems.First(p => p.Severity == CheckSeverity.Error)}");

            var inputs = Numerics.CaseInputs(Path.GetDirectoryName(path)!, original);
            if (inputs is null) continue;
            IReadOnlyList<ITensor> expected;
            try
            {
                using var session = Numerics.OnnxRuntime.Open(path);
                expected = Numerics.Run(session, inputs);
            }
            catch (OnnxKitException)
            {
                notRunnable++;
                continue;
            }
            IReadOnlyList<ITensor> actual;
            try
            {
                actual = Numerics.Run(optimized, inputs);
            }
            catch (OnnxKitException e)
            {
                failures["not runnable after"].Add($"{name}: {e.Message}");
                continue;
            }
            compared++;
            for (int k = 0; k < expected.Count; k++)
            {
                var comparison = OutputComparer.Compare(optimized.Graph.Outputs[k].Name, expected[k], actual[k], OutputTolerance);
                if (!comparison.Passed) failures["outputs"].Add($"{name}: {comparison.Problem}");
            }
        }
        digests.SaveIfWriting();
        output.WriteLine($"{models} models in {clock.Elapsed.TotalSeconds:F0} s: {changed} changed by optimization; {compared} compared with ONNX Runtime; "
            + $"{notRunnable} not runnable by ONNX Runtime's CPU provider or with non-tensor outputs; {checkerInvalidOriginals} originals the checker rejects");
        output.WriteLine("models changed, by pass: " + string.Join(", ", passChanges.Select(p => $"{p.Key} {p.Value}")));
        foreach (var (kind, list) in failures) output.WriteLine($"{kind}: {list.Count}" + (list.Count > 0 ? "\n  " + string.Join("\n  ", list.Take(40)) : ""));
        Assert.True(models > 1000, $"expected the full conformance set, found {models}");
        Assert.True(compared > 1000, $"only {compared} models compared");
        Assert.All(failures, f => Assert.True(f.Value.Count == 0, $"{f.Key}: {f.Value.Count} models, e.g. {string.Join(" | ", f.Value.Take(5))}"));
    }

    private static readonly OptimizeOptions Options = new();

    /// <summary>float32's tolerance, widened for float16 (1e-3) and bfloat16 (1e-2) outputs to their own resolution.</summary>
    private static readonly Tolerance OutputTolerance = Tolerance.Float32 with { WidenForCoarseTypes = true };

    private static Model Optimize(Model model) => ModelOptimizer.Optimize(model, Options).Model;
}
