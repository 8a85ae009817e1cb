using System.Runtime.InteropServices;

namespace OnnxKit.Cli;

/// <summary>
/// Remembers that a time limit abandoned work still running on another thread (ONNX Runtime building a
/// session from a model that inlines to hundreds of thousands of nodes cannot be interrupted), and then
/// ends the process without running native libraries' exit handlers: ONNX Runtime's static destructors
/// would otherwise tear down state that thread is still using, and the process would die of SIGSEGV
/// after reporting the error.
/// </summary>
internal static partial class AbandonedWork
{
    private static int abandoned;

    /// <summary>Records that a thread was left running.</summary>
    public static void Note() => Interlocked.Exchange(ref abandoned, 1);

    /// <summary>
    /// Returns <paramref name="exitCode"/> when nothing was abandoned; otherwise flushes the console and ends
    /// the process at once with that code (Unix <c>_exit</c>).
    /// </summary>
    public static int End(int exitCode)
    {
        if (Volatile.Read(ref abandoned) == 0 || OperatingSystem.IsWindows()) return exitCode;
        Console.Out.Flush();
        Console.Error.Flush();
        ExitImmediately(exitCode);
        return exitCode;
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitImmediately(int status);
}
