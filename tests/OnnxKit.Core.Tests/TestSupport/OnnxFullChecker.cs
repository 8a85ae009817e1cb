using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using OnnxKit.Ir;

namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// ONNX's own checker with full checks (<c>onnx.checker.check_model(model, full_check=True)</c>, which
/// also runs ONNX's strict shape inference), from Debian's python3-onnx (onnx 1.12) at
/// <c>/usr/bin/python3</c>, driven through <c>tools/onnx_full_check.py --stdin</c>: many models go to one
/// Python process, nothing is written to disk. Tests that need it carry <see cref="OnnxCheckerFactAttribute"/>.
/// </summary>
public static class OnnxFullChecker
{
    /// <summary>Debian's Python, which has the onnx module (the first python3 on PATH may not).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The newest IR version onnx 1.12 checks; it rejects newer ones outright.</summary>
    public const long NewestIrVersion = 8;

    /// <summary>The newest opset of each domain onnx 1.12 knows; newer models draw errors it cannot judge fairly.</summary>
    public static IReadOnlyDictionary<string, long> NewestOpsets { get; } = new Dictionary<string, long>
    {
        [""] = 17, ["ai.onnx"] = 17, ["ai.onnx.ml"] = 3, ["ai.onnx.preview.training"] = 1,
    };

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import onnx"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{Python} -c 'import onnx' failed; install Debian's python3-onnx";
    });

    /// <summary>Why the checker cannot run here, or null when it can.</summary>
    public static string? SkipReason => Missing.Value is { } reason ? $"ONNX's full checker is not available: {reason}." : null;

    /// <summary>
    /// Whether onnx 1.12 can judge the model: its IR version and every opset it imports are ones that
    /// release knows. For newer models its verdict says only that it is too old.
    /// </summary>
    public static bool CanJudge(Model model) =>
        model.IrVersion <= NewestIrVersion
        && model.OpsetImports.All(o => NewestOpsets.TryGetValue(o.Domain, out long newest) && o.Version <= newest);

    /// <summary>
    /// Checks each serialized model; returns, by name, null for a model ONNX accepts or ONNX's reason for
    /// rejecting it.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Check(IEnumerable<(string Name, byte[] Model)> models)
    {
        string script = Path.Combine(RepositoryPaths.Root, "tools", "onnx_full_check.py");
        var start = new ProcessStartInfo(Python, [script, "--stdin"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var names = new List<string>();
        using (var input = process.StandardInput.BaseStream)
        {
            foreach (var (name, bytes) in models)
            {
                Send(input, name, bytes);
                names.Add(name);
            }
        }
        process.WaitForExit();
        var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (string line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("ok ", StringComparison.Ordinal)) verdicts[line[3..]] = null;
            else if (line.StartsWith("FAIL ", StringComparison.Ordinal) && line.IndexOf(": ", 5, StringComparison.Ordinal) is int colon and > 0)
                verdicts[line[5..colon]] = line[(colon + 2)..];
        }
        var unanswered = names.Where(n => !verdicts.ContainsKey(n)).ToList();
        if (unanswered.Count > 0)
            throw new InvalidOperationException($"ONNX's checker gave no verdict on {unanswered.Count} of {names.Count} models (first: {unanswered[0]}): {stderr.Result}");
        return verdicts;
    }

    /// <summary>Frames one model for <c>onnx_full_check.py --stdin</c>: name length, name, model length, model.</summary>
    private static void Send(Stream input, string name, byte[] model)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)nameBytes.Length);
        input.Write(header[..4]);
        input.Write(nameBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)model.Length);
        input.Write(header);
        input.Write(model);
    }
}
