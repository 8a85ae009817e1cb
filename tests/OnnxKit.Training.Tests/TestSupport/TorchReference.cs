using System.Diagnostics;
using System.Text.Json;

namespace OnnxKit.Training.Tests.TestSupport;

/// <summary>
/// PyTorch's answers through <c>tools/torch_reference.py</c>, run with Debian's
/// <c>/usr/bin/python3</c> (python3-torch 1.13, python3-onnx, python3-numpy). Tests that need it
/// use <see cref="TorchFactAttribute"/> or <see cref="TorchTheoryAttribute"/> and are skipped,
/// saying what is missing, where it is absent.
/// </summary>
public static class TorchReference
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is not installed (Debian's python3 with python3-torch, python3-onnx and python3-numpy).";
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch, onnx, numpy"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"PyTorch is not available ({Python} -c 'import torch, onnx, numpy' failed: {error.Trim().Split('\n')[^1]}); install Debian's python3-torch and python3-onnx.";
    });

    /// <summary>Why PyTorch cannot be used, or null when it can.</summary>
    public static string? MissingReason => Missing.Value;

    /// <summary>
    /// Runs <c>torch_reference.py MODE</c> over the cases (serialized as the script's manifest)
    /// and returns, per case output path, null for success or the script's error.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Run(string mode, IReadOnlyList<object> cases, string folder)
    {
        string manifest = Path.Combine(folder, $"{mode}-manifest.json");
        File.WriteAllText(manifest, JsonSerializer.Serialize(cases));
        var start = new ProcessStartInfo(Python, [Path.Combine(RepositoryRoot(), "tools", "torch_reference.py"), mode, manifest])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"torch_reference.py {mode} failed: {stderr.Result}");
        return lines.Select(l => l.Split(' ', 3)).ToDictionary(p => p[1], p => p[0] == "ok" ? null : p.Length > 2 ? p[2] : "failed");
    }

    /// <summary>Runs <c>tools/SCRIPT</c> with Debian's Python and the arguments; fails with its error output when it fails.</summary>
    public static void RunTool(string script, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Python, [Path.Combine(RepositoryRoot(), "tools", script), .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {stderr}{stdout.Result}");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnnxKit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (with OnnxKit.sln) was not found above the test's folder.");
    }
}

/// <summary>A fact that needs PyTorch; skipped with the reason where it is absent.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (TorchReference.MissingReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs PyTorch; skipped with the reason where it is absent.</summary>
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (TorchReference.MissingReason is { } reason) Skip = reason;
    }
}
