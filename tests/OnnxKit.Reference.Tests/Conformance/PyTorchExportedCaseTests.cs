using OnnxKit.Reference.Conformance;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Reference.Tests.Conformance;

/// <summary>
/// ONNX 1.12's 117 PyTorch-exported cases (tools/fetch-real-models.sh, from Debian's libonnx-testdata):
/// 115 at opset 6 / IR 3 with the old Add/Mul/Sub broadcast attributes, BatchNormalization's is_test,
/// Gemm's broadcast, per-channel PRelu, Pow-1, Tile-6, ..., each with PyTorch's own outputs to match.
/// </summary>
public sealed class PyTorchExportedCaseTests(ITestOutputHelper output)
{
    [RealModelTheory(RealModels.PyTorchOperatorCases, RealModels.PyTorchConvertedCases)]
    [InlineData(RealModels.PyTorchOperatorCases, 35)]
    [InlineData(RealModels.PyTorchConvertedCases, 82)]
    public void EveryCasePassesOnTheReferenceEvaluator(string collection, int cases)
    {
        var report = new ConformanceRunner(new ReferenceBackend()).Run(RealModels.Require(collection));
        output.WriteLine(report.Summary);
        var notPassed = report.Results.Where(r => r.Status != CaseStatus.Passed).Select(r => $"{r.Status} {r.Name}: {r.Reason}").ToList();
        Assert.Equal(cases, report.Results.Count);
        Assert.True(notPassed.Count == 0, string.Join("\n", notPassed));
    }
}
