using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace OnnxKit.Fuzzing;

/// <summary>What to fuzz, for how long and where to keep what is found.</summary>
public sealed record CampaignOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(2);
    public int Seed { get; init; }
    public required string SeedCorpus { get; init; }
    public required string Findings { get; init; }
    public required string WorkRoot { get; init; }
    public string? OnnxkitDll { get; init; }
    public bool Pipeline { get; init; } = true;
    public bool Cli { get; init; } = true;
    public bool Coverage { get; init; } = true;
    public int MaxSeeds { get; init; } = 2000;
}

/// <summary>The figures of one campaign, as written to <c>stats.json</c> and quoted in docs/security.md.</summary>
public sealed record CampaignStats(double Minutes, long Mutants, long PipelineRuns, long NumpyRuns, long CliRuns, long CliMutants,
    int SeedCount, int CorpusSize, int Edges, IReadOnlyDictionary<string, int> Findings);

/// <summary>
/// The fuzzing loop: mutants of the seed corpus (ONNX's conformance models and <see cref="HostileModels"/>)
/// go through the in-process pipeline in a coverage-instrumented worker, while a second loop runs the
/// onnxkit commands on other mutants under limits. Every finding is kept as a reproducer in the findings
/// folder (the model or array, and a JSON file saying what happened), which the regression test replays.
/// </summary>
public sealed class Campaign(CampaignOptions options)
{
    private readonly Dictionary<string, int> findings = [];
    private readonly Lock gate = new();
    private long mutants, pipelineRuns, numpyRuns, cliRuns, cliMutants;
    private int edges;

    public CampaignStats Run()
    {
        Directory.CreateDirectory(options.Findings);
        Directory.CreateDirectory(options.WorkRoot);
        var seeds = LoadSeeds();
        var corpus = new List<byte[]>(seeds);
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + options.Duration;
        var threads = new List<Thread>();
        if (options.Pipeline) threads.Add(new Thread(() => PipelineLoop(corpus, deadline)) { Name = "pipeline" });
        if (options.Cli && options.OnnxkitDll is not null) threads.Add(new Thread(() => CliLoop(seeds, deadline)) { Name = "cli" });
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        int corpusSize;
        lock (gate) corpusSize = corpus.Count;
        var stats = new CampaignStats(clock.Elapsed.TotalMinutes, mutants, pipelineRuns, numpyRuns, cliRuns, cliMutants, seeds.Count, corpusSize, edges,
            new Dictionary<string, int>(findings));
        File.WriteAllText(Path.Combine(options.WorkRoot, "stats.json"), JsonSerializer.Serialize(stats, new JsonSerializerOptions { WriteIndented = true }));
        return stats;
    }

    private List<byte[]> LoadSeeds()
    {
        var seeds = HostileModels.All.Values.ToList();
        if (Directory.Exists(options.SeedCorpus))
        {
            seeds.AddRange(Directory.EnumerateFiles(options.SeedCorpus, "model.onnx", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal).Take(options.MaxSeeds).Select(File.ReadAllBytes).Where(b => b.Length < (1 << 20)));
        }
        return seeds;
    }

    private void PipelineLoop(List<byte[]> corpus, DateTime deadline)
    {
        var random = new Random(options.Seed);
        string bin = AppContext.BaseDirectory;
        if (options.Coverage)
        {
            bin = Path.Combine(options.WorkRoot, "instrumented");
            Coverage.Instrument(AppContext.BaseDirectory, bin);
        }
        var worker = Worker.Start(bin, options.WorkRoot);
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                bool numpy = random.Next(10) == 0;
                byte[] input;
                lock (gate) input = numpy ? NumpyMutator.Npy(random) : MutateModel(corpus[random.Next(corpus.Count)], random);
                Interlocked.Increment(ref mutants);
                Interlocked.Increment(ref numpy ? ref numpyRuns : ref pipelineRuns);
                var (finding, fresh, total) = worker.Send(numpy ? (byte)1 : (byte)0, input, TimeSpan.FromSeconds(30));
                edges = Math.Max(edges, total);
                if (fresh > 0 && !numpy) lock (gate) corpus.Add(input);
                if (finding is null) continue;
                Keep(finding, input, numpy ? ".npy" : ".onnx", null);
                if (finding.Kind is "crash" or "hang" || worker.HasExited)
                {
                    worker.Dispose();
                    worker = Worker.Start(bin, options.WorkRoot);
                }
            }
        }
        finally
        {
            worker.Dispose();
        }
    }

    private void CliLoop(List<byte[]> seeds, DateTime deadline)
    {
        var random = new Random(options.Seed + 1);
        var harness = new CliHarness(options.OnnxkitDll!);
        int n = 0;
        while (DateTime.UtcNow < deadline)
        {
            byte[] model = MutateModel(seeds[random.Next(seeds.Count)], random);
            Interlocked.Increment(ref mutants);
            Interlocked.Increment(ref cliMutants);
            using var workspace = new Workspace(options.WorkRoot, $"cli-{n++}");
            string path = workspace.PathOf("model.onnx");
            File.WriteAllBytes(path, model);
            string[] extra = [];
            foreach (var command in CliHarness.Commands)
            {
                if (DateTime.UtcNow >= deadline) break;
                if (command[0] == "run" && random.Next(5) == 0)
                {
                    // a hostile input file for the first input, .npy or .npz
                    bool npz = random.Next(2) == 0;
                    string input = workspace.PathOf(npz ? "input.npz" : "input.npy");
                    File.WriteAllBytes(input, npz ? NumpyMutator.Npz(random, "x") : NumpyMutator.Npy(random));
                    extra = ["--input", npz ? input : $"x={input}"];
                }
                Interlocked.Increment(ref cliRuns);
                if (harness.Check(command, path, workspace.Folder, extra) is { } finding)
                    Keep(finding, model, ".onnx", [.. command, .. extra]);
                extra = [];
            }
        }
    }

    /// <summary>A mutant of <paramref name="seed"/>; a seed the structure-aware mutator cannot handle gets byte-level mutations.</summary>
    private static byte[] MutateModel(byte[] seed, Random random)
    {
        try
        {
            return ModelMutator.Mutate(seed, random);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException)
        {
            return ByteMutator.Mutate(seed, random);
        }
    }

    private void Keep(Finding finding, byte[] input, string extension, string[]? command)
    {
        string id = Convert.ToHexStringLower(SHA256.HashData(input))[..12];
        lock (gate)
        {
            findings[finding.Kind] = findings.GetValueOrDefault(finding.Kind) + 1;
            File.WriteAllBytes(Path.Combine(options.Findings, id + extension), input);
            var record = new { finding.Kind, finding.Where, Command = command, finding.Detail };
            File.WriteAllText(Path.Combine(options.Findings, id + ".json"), JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }));
            Console.Error.WriteLine($"finding: {finding.Kind} in {finding.Where}: {id}{extension}");
        }
    }
}
