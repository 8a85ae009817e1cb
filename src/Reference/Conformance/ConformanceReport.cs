using System.Text.Json;
using System.Text.Json.Serialization;
using OnnxKit.Serialization;

namespace OnnxKit.Reference.Conformance;

/// <summary>The results of a conformance run, with totals and a JSON form.</summary>
public sealed class ConformanceReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Creates a report.</summary>
    public ConformanceReport(string backend, string directory, IReadOnlyList<CaseResult> results)
    {
        Backend = backend;
        Directory = directory;
        Results = results;
    }

    /// <summary>The backend's name.</summary>
    public string Backend { get; }

    /// <summary>The folder of cases.</summary>
    public string Directory { get; }

    /// <summary>Every case's result, in name order.</summary>
    public IReadOnlyList<CaseResult> Results { get; }

    /// <summary>The number of cases that passed.</summary>
    public int Passed => Results.Count(r => r.Status == CaseStatus.Passed);

    /// <summary>The number of cases that failed.</summary>
    public int Failed => Results.Count(r => r.Status == CaseStatus.Failed);

    /// <summary>The number of cases skipped.</summary>
    public int Skipped => Results.Count(r => r.Status == CaseStatus.Skipped);

    /// <summary>One line of totals, e.g. <c>reference: 1650 passed, 40 failed, 112 skipped of 1802 (91.6% passed)</c>.</summary>
    public string Summary => Results.Count == 0
        ? $"{Backend}: no cases"
        : $"{Backend}: {Passed} passed, {Failed} failed, {Skipped} skipped of {Results.Count} ({100.0 * Passed / Results.Count:F1}% passed)";

    /// <summary>The report as indented JSON: backend, folder, totals, and every case.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        backend = Backend,
        directory = Directory,
        total = Results.Count,
        passed = Passed,
        failed = Failed,
        skipped = Skipped,
        cases = Results,
    }, JsonOptions);

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> atomically.</summary>
    public void WriteJson(string path) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(ToJson());
    });
}
