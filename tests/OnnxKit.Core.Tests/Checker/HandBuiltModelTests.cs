using OnnxKit.Checker;
using OnnxKit.Serialization;

namespace OnnxKit.Tests.Checker;

/// <summary>The checker against the hand-built models of <see cref="InvalidModels"/> and <see cref="ValidModels"/>.</summary>
public sealed class HandBuiltModelTests
{
    public static TheoryData<string> InvalidNames() => [.. InvalidModels.All.Select(c => c.Name)];

    public static TheoryData<string> ValidNames() => [.. ValidModels.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void InvalidModelDrawsExactlyTheExpectedErrors(string name)
    {
        var testCase = InvalidModels.All.Single(c => c.Name == name);
        var report = ModelChecker.Check(testCase.Build());

        Assert.False(report.IsValid);
        AssertErrors(testCase, report);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void ValidModelDrawsNoErrorButTheExpectedWarnings(string name)
    {
        var testCase = ValidModels.All.Single(c => c.Name == name);
        var report = ModelChecker.Check(testCase.Build());

        Assert.True(report.IsValid, report.ToString());
        AssertErrors(testCase, report);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void InvalidModelDrawsTheSameErrorsAfterASaveAndLoad(string name)
    {
        var testCase = InvalidModels.All.Single(c => c.Name == name);
        var reloaded = OnnxFile.Load(OnnxFile.ToBytes(testCase.Build()));

        AssertErrors(testCase, ModelChecker.Check(reloaded));
    }

    private static void AssertErrors(CheckerCase testCase, CheckReport report)
    {
        var errors = report.Problems.Where(p => p.Severity == CheckSeverity.Error).Select(p => (p.Code, p.Location)).ToList();
        Assert.True(testCase.Errors.OrderBy(e => e).SequenceEqual(errors.OrderBy(e => e)),
            $"expected errors [{string.Join(", ", testCase.Errors)}], got:\n{report}");
        foreach (var warning in testCase.Warnings ?? [])
        {
            Assert.Contains(report.Problems, p => p.Severity == CheckSeverity.Warning && (p.Code, p.Location) == warning);
        }
    }
}
