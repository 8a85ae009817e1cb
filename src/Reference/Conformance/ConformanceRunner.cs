using System.Diagnostics;
using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Reference.Conformance;

/// <summary>
/// Runs ONNX backend conformance cases (folders holding <c>model.onnx</c> and
/// <c>test_data_set_N/input_K.pb</c>, <c>output_K.pb</c>) on a backend and compares the outputs
/// with the expected ones within <see cref="Tolerance"/>. A case's own <c>data.json</c> may set
/// <c>rtol</c> and <c>atol</c>, as in ONNX's loader. Random cases (<see cref="RandomCases"/>) are
/// skipped, by the same rule whatever the backend.
/// </summary>
public sealed class ConformanceRunner
{
    private readonly IConformanceBackend backend;
    private readonly Tolerance tolerance;

    /// <summary>Creates a runner for <paramref name="backend"/>; <paramref name="tolerance"/> defaults to ONNX's.</summary>
    public ConformanceRunner(IConformanceBackend backend, Tolerance? tolerance = null)
    {
        this.backend = backend;
        this.tolerance = tolerance ?? Tolerance.OnnxDefault;
    }

    /// <summary>The backend's name, as reports show it.</summary>
    public string BackendName => backend.Name;

    /// <summary>The case folders under <paramref name="directory"/> (those holding a model.onnx), sorted by name.</summary>
    public static IReadOnlyList<string> FindCases(string directory)
    {
        if (!Directory.Exists(directory)) throw new OnnxKitException($"Conformance folder '{directory}' does not exist.");
        return Directory.GetDirectories(directory).Where(d => File.Exists(Path.Combine(d, "model.onnx")))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs every case under <paramref name="directory"/>; <paramref name="onCase"/> sees each result as it comes.</summary>
    public ConformanceReport Run(string directory, Action<CaseResult>? onCase = null, CancellationToken cancellation = default)
    {
        var results = new List<CaseResult>();
        foreach (string caseDirectory in FindCases(directory))
        {
            cancellation.ThrowIfCancellationRequested();
            var result = RunCase(caseDirectory);
            results.Add(result);
            onCase?.Invoke(result);
        }
        return new ConformanceReport(backend.Name, Path.GetFullPath(directory), results);
    }

    /// <summary>Runs one case folder.</summary>
    public CaseResult RunCase(string caseDirectory)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(caseDirectory));
        var clock = Stopwatch.StartNew();
        var comparer = new OutputComparer(CaseTolerance(caseDirectory));
        (CaseStatus status, string? reason) = Evaluate(caseDirectory, comparer);
        bool compared = status == CaseStatus.Passed || comparer.WorstAbsolute > 0;
        return new CaseResult(name, status, reason,
            compared ? comparer.WorstAbsolute : null, compared ? comparer.WorstRelative : null, clock.Elapsed.TotalMilliseconds);
    }

    private (CaseStatus, string?) Evaluate(string caseDirectory, OutputComparer comparer)
    {
        string modelPath = Path.Combine(caseDirectory, "model.onnx");
        Model model;
        try
        {
            model = OnnxFile.Load(modelPath);
        }
        catch (OnnxKitException e)
        {
            return (CaseStatus.Failed, $"cannot load model: {e.Message}");
        }
        if (RandomCases.Reason(model) is { } random) return (CaseStatus.Skipped, random);
        try
        {
            using var runner = backend.Load(model, modelPath);
            var inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
            var dataSets = Directory.GetDirectories(caseDirectory, "test_data_set_*").Order(StringComparer.Ordinal).ToList();
            if (dataSets.Count == 0) return (CaseStatus.Failed, "the case has no test_data_set folder");
            foreach (string dataSet in dataSets)
            {
                var fed = CaseData.Read(dataSet, "input", inputs);
                if (RandomCases.Reason(model, inputs.Zip(fed).ToDictionary(p => p.First.Name, p => p.Second)) is { } dropout)
                    return (CaseStatus.Skipped, dropout);
                var expected = CaseData.Read(dataSet, "output", model.Graph.Outputs);
                var actual = runner.Run(fed);
                if (actual.Count != expected.Count)
                    return (CaseStatus.Failed, $"{Path.GetFileName(dataSet)}: expected {expected.Count} outputs, got {actual.Count}");
                for (int k = 0; k < expected.Count; k++)
                {
                    if (comparer.Compare(expected[k], actual[k]) is { } problem)
                        return (CaseStatus.Failed, $"{Path.GetFileName(dataSet)}: output {k} ('{model.Graph.Outputs[k].Name}'): {problem}");
                }
            }
            return (CaseStatus.Passed, null);
        }
        catch (UnsupportedFeatureException e)
        {
            return (CaseStatus.Skipped, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (CaseStatus.Failed, e is OnnxKitException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private Tolerance CaseTolerance(string caseDirectory)
    {
        string path = Path.Combine(caseDirectory, "data.json");
        if (!File.Exists(path)) return tolerance;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            double rtol = root.TryGetProperty("rtol", out var r) ? r.GetDouble() : tolerance.Relative;
            double atol = root.TryGetProperty("atol", out var a) ? a.GetDouble() : tolerance.Absolute;
            return new Tolerance(rtol, atol);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OnnxKitException($"'{path}' is not a valid case description: {e.Message}");
        }
    }
}
