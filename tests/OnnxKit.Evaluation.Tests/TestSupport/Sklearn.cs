using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OnnxKit.Evaluation.Tests.TestSupport;

/// <summary>Runs <c>sklearn_metrics.py</c> on a request and returns its answer.</summary>
internal static class Sklearn
{
    public static JsonNode Compute(object request)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "TestSupport", "sklearn_metrics.py");
        var start = new ProcessStartInfo(SklearnFactAttribute.Python, [script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(request));
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"sklearn_metrics.py failed: {stderr.Result}");
        return JsonNode.Parse(stdout.Result)!;
    }

    public static double[] Doubles(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
}
