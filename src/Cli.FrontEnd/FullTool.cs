using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OnnxKit.Cli;

/// <summary>
/// The full, just-in-time compiled tool published beside the front end (src/Cli's launcher, renamed
/// <c>onnxkit-full</c> by its <c>NativeFrontEnd</c> publish step). On Unix the front end replaces itself
/// with it (<c>execv</c>): same process, standard streams, signals (Ctrl+C) and exit code, nothing left
/// in between. On Windows, which has no exec, it runs it as a child with the same console and returns its
/// exit code, leaving Ctrl+C to the child.
/// </summary>
internal static partial class FullTool
{
    /// <summary>The full tool's launcher name, without the platform's executable extension.</summary>
    public const string Name = "onnxkit-full";

    /// <summary>Runs <paramref name="args"/> in the full tool; returns its exit code (on Unix it returns only when the tool could not be started).</summary>
    public static int Run(string[] args)
    {
        string path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? Name + ".exe" : Name);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: the full onnxkit tool is missing: expected {path} beside this launcher; publish or install the tool again.");
            return ExitCodes.Failed;
        }
        if (OperatingSystem.IsWindows()) return RunAsChild(path, args);

        string?[] argv = [path, .. args, null];
        Execv(path, argv);
        Console.Error.WriteLine($"error: could not start {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        return ExitCodes.Failed;
    }

    private static int RunAsChild(string path, string[] args)
    {
        var start = new ProcessStartInfo(path, args) { UseShellExecute = false };
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        // The console sends Ctrl+C to both processes: the child stops gracefully and reports; this one waits for it.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        child.WaitForExit();
        return child.ExitCode;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, string?[] argv);
}
