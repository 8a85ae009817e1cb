using System.Globalization;
using OnnxKit.Fuzzing;

// onnxkit-fuzz [--minutes M] [--seed S] [--corpus DIR] [--findings DIR] [--work DIR] [--onnxkit PATH/onnxkit.dll]
//              [--no-cli] [--no-pipeline] [--no-coverage]
// onnxkit-fuzz worker WORKDIR   (internal: the in-process pipeline behind a process boundary)
if (args is ["worker", var root]) return Worker.Serve(root);

string Value(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
bool Flag(string name) => args.Contains(name);
string repo = Value("--repo", Directory.GetCurrentDirectory());
var options = new CampaignOptions
{
    Duration = TimeSpan.FromMinutes(double.Parse(Value("--minutes", "2"), CultureInfo.InvariantCulture)),
    Seed = int.Parse(Value("--seed", "1"), CultureInfo.InvariantCulture),
    SeedCorpus = Value("--corpus", Path.Combine(repo, "..", "shared", "onnx-backend-tests", "node")),
    Findings = Value("--findings", Path.Combine(repo, "fuzz", "findings")),
    WorkRoot = Value("--work", Path.Combine(Path.GetTempPath(), $"onnxkit-fuzz-{Environment.ProcessId}")),
    OnnxkitDll = args.Contains("--onnxkit") ? Value("--onnxkit", "") : null,
    Cli = !Flag("--no-cli"),
    Pipeline = !Flag("--no-pipeline"),
    Coverage = !Flag("--no-coverage"),
};
var stats = new Campaign(options).Run();
Console.WriteLine($"{stats.Minutes:0.0} min: {stats.Mutants} mutants ({stats.PipelineRuns} pipeline runs, {stats.NumpyRuns} .npy/.npz runs, " +
    $"{stats.CliMutants} mutants through {stats.CliRuns} command runs), {stats.SeedCount} seeds, corpus {stats.CorpusSize}, {stats.Edges} coverage edges; " +
    $"findings: {(stats.Findings.Count == 0 ? "none" : string.Join(", ", stats.Findings.Select(f => $"{f.Value} {f.Key}")))}");
return stats.Findings.Count == 0 ? 0 : 1;
