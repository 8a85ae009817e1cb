using System.Collections.Concurrent;
using System.Text;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Collects the model × opset cells and, when the test class is done, writes the table as
/// markdown (to <c>ONNXKIT_MATRIX_MARKDOWN</c> if set, else <c>opset-matrix.md</c> beside
/// the test assembly) and prints it.
/// </summary>
public sealed class MatrixReport : IDisposable
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<int, string>> rows = new();

    public IReadOnlyList<int> Opsets { get; } = OpsetSelection.FromEnvironment();

    public void Record(string model, IReadOnlyDictionary<int, string> cells) => rows[model] = cells;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| model | " + string.Join(" | ", Opsets) + " |");
        text.AppendLine("|---|" + string.Concat(Opsets.Select(_ => "---|")));
        foreach (var model in Models.ZooCases.Names.Where(rows.ContainsKey))
            text.AppendLine($"| {model} | " + string.Join(" | ", Opsets.Select(o => rows[model].GetValueOrDefault(o, "not run"))) + " |");
        text.AppendLine();
        text.AppendLine($"✓ exported, passed OnnxKit's checker, ran in ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()} and agreed with the newest opset's output (rtol 1e-4, atol 1e-5);");
        text.AppendLine("✓ ref: OnnxKit's reference evaluator also ran it and agreed with ONNX Runtime (same tolerance).");
        text.AppendLine("Reduced sizes: " + string.Join("; ", Models.ZooCases.ReducedNotes()) + ".");
        return text.ToString();
    }

    public void Dispose()
    {
        if (rows.IsEmpty) return;
        string markdown = ToMarkdown();
        string path = Environment.GetEnvironmentVariable("ONNXKIT_MATRIX_MARKDOWN") is { Length: > 0 } target
            ? target
            : Path.Combine(AppContext.BaseDirectory, "opset-matrix.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Opset matrix written to {path}");
    }
}
