using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Tests.Checker;

/// <summary>
/// <c>onnxkit check</c> and ONNX's full checker (onnx 1.12, <see cref="OnnxFullChecker"/>) reach the same
/// verdict, valid or invalid, on every model both can judge: ONNX's conformance models, the checker's
/// hand-built valid and invalid models, and the real models written by others. onnx 1.12 knows IR
/// versions up to 8 and ai.onnx opsets up to 17; a newer model draws "ir_version is higher than the
/// checker's" or errors from the opset-17 schemas, which say nothing about the model, so those models are
/// counted as not judged (and the tests name how many) and are checked against OnnxKit's own rules only
/// (<see cref="BackendModelCheckTests"/>, <see cref="HandBuiltModelTests"/>).
/// </summary>
public sealed class OnnxCheckerAgreementTests(ITestOutputHelper output)
{
    [OnnxCheckerFact(SharedData.BackendNodeFolder)]
    public void ConformanceModelsDrawTheSameVerdict()
    {
        var models = SharedData.BackendModels();
        int judged = AssertAgreement(models.Select(path => (Path.GetFileName(Path.GetDirectoryName(path))!, OnnxFile.Load(path))));
        Assert.True(judged > 600, $"only {judged} of {models.Count} conformance models are within onnx 1.12's reach");
    }

    /// <summary>
    /// The hand-built models on which the verdicts differ on purpose (docs/checker.md, "Differences from
    /// onnx 1.12"); the test fails when one of these starts to agree or another starts to differ.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["unnamed-graph"] = "onnx requires a graph name; runtimes do not, so OnnxKit warns",
        ["sparse-initializer"] = "onnx's shape inference refuses a sparse initializer as an operator input; ONNX Runtime densifies it, so OnnxKit accepts it",
        ["duplicate-opset-import"] = "onnx 1.12 keys imports by the literal domain, so \"\" and \"ai.onnx\" both pass; they are one domain",
        ["initializer-raw-data-too-short"] = "onnx 1.12 does not compare raw_data's length with the dims",
        ["undefined-graph-output"] = "onnx 1.12 does not check that graph outputs are defined",
        ["subgraph-output-is-outer-value"] = "onnx 1.12 lets a subgraph output name an outer value",
        ["ref-attribute-outside-function"] = "onnx 1.12 does not check ref_attr_name outside functions",
    };

    [OnnxCheckerFact]
    public void HandBuiltCheckerModelsDrawTheSameVerdictExceptTheKnownDifferences()
    {
        var cases = ValidModels.All.Concat(InvalidModels.All);
        AssertAgreement(cases.Select(c => (c.Name, c.Build())), KnownDifferences.Keys.ToHashSet());
    }

    [OnnxCheckerFact(RealModel = RealModels.PyTorchOperatorCases)]
    public void RealModelsDrawTheSameVerdict()
    {
        var paths = RealModels.Present([.. RealModels.PackagedModels, .. RealModels.OnnxLightModels]).Select(RealModels.PathOf)
            .Concat(RealModels.CaseFolders(RealModels.PyTorchOperatorCases).Select(d => Path.Combine(d, "model.onnx")))
            .Concat(RealModels.CaseFolders(RealModels.PyTorchConvertedCases).Select(d => Path.Combine(d, "model.onnx")))
            .ToList();
        int judged = AssertAgreement(paths.Select(path => (Path.GetRelativePath(RealModels.Folder, path), OnnxFile.Load(path))));
        Assert.True(judged >= 117, $"only {judged} of {paths.Count} real models are within onnx 1.12's reach");
    }

    /// <summary>
    /// Compares the verdicts on the models onnx 1.12 can judge, which must differ exactly on
    /// <paramref name="expectedDifferences"/>; returns how many models were judged.
    /// </summary>
    private int AssertAgreement(IEnumerable<(string Name, Model Model)> models, IReadOnlySet<string>? expectedDifferences = null)
    {
        expectedDifferences ??= new HashSet<string>();
        var all = models.ToList();
        var judged = all.Where(m => OnnxFullChecker.CanJudge(m.Model)).ToList();
        var onnx = OnnxFullChecker.Check(judged.Select(m => (m.Name, OnnxFile.ToBytes(m.Model))));
        var disagreements = new List<string>();
        foreach (var (name, model) in judged)
        {
            var report = ModelChecker.Check(model);
            string? onnxReason = onnx[name];
            if ((report.IsValid != (onnxReason is null)) != expectedDifferences.Contains(name))
            {
                string ours = report.IsValid ? "valid" : report.Problems.First(p => p.Severity == CheckSeverity.Error).ToString();
                disagreements.Add(expectedDifferences.Contains(name)
                    ? $"{name}: a known difference, but both now say {(report.IsValid ? "valid" : "invalid")}"
                    : $"{name}: onnxkit {ours}; onnx {onnxReason ?? "valid"}");
            }
        }
        output.WriteLine($"{judged.Count} of {all.Count} models judged by both checkers ({all.Count - judged.Count} are newer than onnx 1.12), {expectedDifferences.Count} known differences");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {judged.Count} verdicts differ:\n{string.Join("\n", disagreements)}");
        return judged.Count;
    }
}
