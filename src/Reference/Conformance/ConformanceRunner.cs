using System.Diagnostics;
using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Reference.Conformance;

/// <summary>
/// Runs ONNX backend conformance cases (folders holding <c>model.onnx</c> and
/// <c>test_data_set_N/input_K.pb</c>, <c>output_K.pb</c>) on any backend of the execution
/// contract and compares the outputs with the expected ones (<see cref="OutputComparer"/>) within
/// <see cref="Tolerance.OnnxDefault"/>. A case's own <c>data.json</c> may set <c>rtol</c> and
/// <c>atol</c>, as in ONNX's loader. A backend that cannot run a case's model (an
/// <see cref="UnsupportedFeatureException"/>, such as an operator it lacks or a sequence it does not
/// exchange) has the case skipped with its reason. Random cases (<see cref="RandomCases"/>) are
/// skipped by the same rule whatever the backend.
/// </summary>
public sealed class ConformanceRunner
{
    private readonly IBackend backend;
    private readonly Tolerance tolerance;

    /// <summary>Creates a runner for <paramref name="backend"/>; <paramref name="tolerance"/> defaults to ONNX's.</summary>
    public ConformanceRunner(IBackend backend, Tolerance? tolerance = null)
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
        var comparisons = new List<OutputComparison>();
        (CaseStatus status, string? reason) = Evaluate(caseDirectory, CaseTolerance(caseDirectory), comparisons);
        double worstAbsolute = comparisons.Select(c => c.MaxAbsoluteError).DefaultIfEmpty().Max();
        double worstRelative = comparisons.Select(c => c.MaxRelativeError).DefaultIfEmpty().Max();
        bool compared = status == CaseStatus.Passed || worstAbsolute > 0;
        return new CaseResult(name, status, reason,
            compared ? worstAbsolute : null, compared ? worstRelative : null, clock.Elapsed.TotalMilliseconds);
    }

    private (CaseStatus, string?) Evaluate(string caseDirectory, Tolerance caseTolerance, List<OutputComparison> comparisons)
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
            using var prepared = backend.Open(modelPath);
            var inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
            var dataSets = Directory.GetDirectories(caseDirectory, "test_data_set_*").Order(StringComparer.Ordinal).ToList();
            if (dataSets.Count == 0) return (CaseStatus.Failed, "the case has no test_data_set folder");
            foreach (string dataSet in dataSets)
            {
                var fed = CaseData.Read(dataSet, "input", inputs);
                if (RandomCases.Reason(model, fed) is { } dropout)
                    return (CaseStatus.Skipped, dropout);
                var expected = CaseData.Read(dataSet, "output", model.Graph.Outputs);
                var actual = prepared.RunValues(fed);
                if (actual.Count != expected.Count)
                    return (CaseStatus.Failed, $"{Path.GetFileName(dataSet)}: expected {expected.Count} outputs, got {actual.Count}");
                for (int k = 0; k < expected.Count; k++)
                {
                    string output = model.Graph.Outputs[k].Name;
                    if (!actual.TryGetValue(output, out var value)) return (CaseStatus.Failed, $"{Path.GetFileName(dataSet)}: output '{output}' was not produced");
                    var comparison = OutputComparer.Compare(output, expected[output], value, caseTolerance);
                    comparisons.Add(comparison);
                    if (comparison.Problem is { } problem)
                        return (CaseStatus.Failed, $"{Path.GetFileName(dataSet)}: output {k} ('{output}'): {problem}");
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
            return tolerance with { Relative = rtol, Absolute = atol };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OnnxKitException($"'{path}' is not a valid case description: {e.Message}");
        }
    }
}
