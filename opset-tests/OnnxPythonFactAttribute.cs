using System.Diagnostics;

namespace OnnxKit.OpsetTests;

/// <summary>
/// A test that needs ONNX's Python checker (Debian's python3-onnx at /usr/bin/python3); it
/// is skipped, saying so, where that is not installed. CI installs it.
/// </summary>
public sealed class OnnxPythonFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() =>
    {
        if (!File.Exists(Python)) return false;
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import onnx"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    });

    public OnnxPythonFactAttribute()
    {
        if (!Available.Value) Skip = $"ONNX's Python checker is not available ({Python} -c 'import onnx' failed); install Debian's python3-onnx.";
    }
}
