using OnnxKit.Reference.Conformance;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Reference.Tests.Conformance;

/// <summary>Runs the reference evaluator over ONNX's backend node cases and guards the pass count.</summary>
public sealed class BackendNodeConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The number of cases that passed when this was last raised. The test fails when a change
    /// makes fewer cases pass; raise it when more pass.
    /// </summary>
    private const int PassedBaseline = 1785;

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void PassCountDoesNotDropBelowBaseline()
    {
        var runner = new ConformanceRunner(new ReferenceBackend());
        var report = runner.Run(RepositoryPaths.Shared(SharedData.BackendNodeFolder));

        output.WriteLine(report.Summary);
        foreach (var result in report.Results.Where(r => r.Status != CaseStatus.Passed))
            output.WriteLine($"{result.Status,-7} {result.Name}: {result.Reason}");

        Assert.All(report.Results.Where(r => r.Status != CaseStatus.Passed), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.True(report.Passed >= PassedBaseline, $"{report.Summary}; the committed baseline is {PassedBaseline} passed.");
        Assert.True(report.Passed >= 0.99 * report.Results.Count, $"{report.Summary}; at least 99 % must pass.");
    }
}
