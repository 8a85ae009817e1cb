using System.Globalization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Fuzzing.Tests;

/// <summary>
/// A short fuzzing campaign (one minute by default; <c>ONNXKIT_FUZZ_SECONDS</c> changes it): mutants of the
/// conformance models and the hostile models through the coverage-instrumented pipeline and the eight command
/// runs under limits, with a fixed seed. It must find nothing; <c>tools/fuzz.sh</c> runs the long campaign.
/// </summary>
public sealed class FuzzRunTests
{
    [Fact]
    public void A_short_campaign_finds_no_crash_hang_or_internal_error()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("ONNXKIT_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out double s) ? s : 60;
        using var dir = new TempFolder();
        var stats = new Campaign(new CampaignOptions
        {
            Duration = TimeSpan.FromSeconds(seconds),
            Seed = 7,
            SeedCorpus = RepositoryPaths.Shared(SharedData.BackendNodeFolder),
            Findings = dir.File("findings"),
            WorkRoot = dir.File("work"),
            OnnxkitDll = Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"),
            MaxSeeds = 400,
        }).Run();
        Assert.True(stats.PipelineRuns > 0 && stats.CliRuns > 0, $"the campaign ran nothing: {stats}");
        Assert.True(stats.Edges > 1000, $"coverage was not collected: {stats}");
        Assert.True(stats.Findings.Count == 0,
            $"findings: {string.Join(", ", stats.Findings)}; reproducers in {dir.File("findings")}:\n" +
            string.Join("\n", Directory.EnumerateFiles(dir.File("findings"), "*.json").Select(File.ReadAllText)));
    }
}
