using OnnxKit.Checker;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Checker;

/// <summary>ONNX's conformance models are all valid: the checker must find no error in any of them.</summary>
public sealed class BackendModelCheckTests
{
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void EveryConformanceModelChecksWithoutErrors()
    {
        var models = SharedData.BackendModels();
        Assert.True(models.Count > 1000, $"expected the full conformance set, found {models.Count} models");
        var failures = new List<string>();
        foreach (var path in models)
        {
            var report = ModelChecker.Check(OnnxFile.Load(path));
            if (!report.IsValid)
            {
                string name = Path.GetFileName(Path.GetDirectoryName(path))!;
                failures.Add($"{name}: {report.Problems.First(p => p.Severity == CheckSeverity.Error)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {models.Count} valid models were reported invalid:\n{string.Join("\n", failures)}");
    }
}
