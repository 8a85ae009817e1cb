using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OnnxKit.Serialization;

/// <summary>
/// Writes files so that readers see either the old content or the complete new
/// content, never a half-written file: data goes to a temporary file in the same
/// folder, which is flushed to disk and then renamed over the target.
/// </summary>
/// <remarks>
/// Temporary files are named <c>.NAME.PID-GUID.tmp</c> after the target and the writing process.
/// They are removed on any failure, by <see cref="DiscardPending"/> when the process is asked to stop
/// (the command-line tool calls it on SIGINT and SIGTERM), and, when a process was killed outright,
/// by the next write into the same folder (<see cref="PrepareTarget"/>), which sweeps temporary files
/// of this naming whose process is gone.
/// </remarks>
public static class AtomicFile
{
    private const string Suffix = ".tmp";

    /// <summary>A temporary file older than this whose writer is gone is swept; younger ones may belong to another machine sharing the folder.</summary>
    private static readonly TimeSpan SweepAge = TimeSpan.FromMinutes(1);

    private static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);
    private static volatile bool stopping;

    /// <summary>A temporary file beside <paramref name="path"/>, to be committed with <see cref="Commit"/> or removed with <see cref="Discard"/>.</summary>
    public static string TempPathFor(string path)
    {
        if (stopping) throw new OperationCanceledException("The process is stopping; no new file is started.");
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!,
            $".{Path.GetFileName(full)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}{Suffix}");
        Pending[temp] = 0;
        return temp;
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can be written: its folder exists and is a folder, and the path
    /// itself is not a folder; then sweeps stale temporary files left in that folder by killed writers.
    /// Throws an <see cref="OnnxKitException"/> naming the path otherwise.
    /// </summary>
    public static void PrepareTarget(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OnnxKitException("The output path is empty.");
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full)) throw new OnnxKitException($"Cannot write '{path}': it is a folder; give a file name.");
        if (File.Exists(directory)) throw new OnnxKitException($"Cannot write '{path}': '{directory}' is a file, not a folder.");
        if (!Directory.Exists(directory)) throw new OnnxKitException($"Cannot write '{path}': folder '{directory}' does not exist.");
        SweepStale(directory);
    }

    /// <summary>Replaces <paramref name="path"/> with the finished temporary file.</summary>
    public static void Commit(string tempPath, string path)
    {
        try
        {
            File.Move(tempPath, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxKitException($"Cannot write '{path}': {e.Message}", e);
        }
        Pending.TryRemove(tempPath, out _);
    }

    /// <summary>Removes a temporary file after a failure; never throws.</summary>
    public static void Discard(string tempPath)
    {
        try { File.Delete(tempPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        Pending.TryRemove(tempPath, out _);
    }

    /// <summary>
    /// Removes every temporary file this process has open and refuses new ones: called when the
    /// process is asked to stop (SIGINT, SIGTERM), so that no half-written file is left behind.
    /// </summary>
    public static void DiscardPending()
    {
        stopping = true;
        foreach (var temp in Pending.Keys) Discard(temp);
    }

    /// <summary>Writes <paramref name="path"/> atomically with <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        PrepareTarget(path);
        string temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            Commit(temp, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Discard(temp);
            throw new OnnxKitException($"Cannot write '{path}': {e.Message}", e);
        }
        catch
        {
            Discard(temp);
            throw;
        }
    }

    /// <summary>Deletes <c>.NAME.PID-GUID.tmp</c> files in <paramref name="directory"/> whose process is no longer running.</summary>
    private static void SweepStale(string directory)
    {
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(directory, ".*" + Suffix).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (string file in candidates)
        {
            if (Pending.ContainsKey(file) || OwnerPid(Path.GetFileName(file)) is not int pid || IsRunning(pid)) continue;
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) >= SweepAge) File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another process may be sweeping the same file
            }
        }
    }

    /// <summary>The writer's process id in a name of our form, or null for any other file.</summary>
    private static int? OwnerPid(string name)
    {
        int end = name.Length - Suffix.Length;
        int dash = name.LastIndexOf('-', end - 1);
        int dot = dash < 0 ? -1 : name.LastIndexOf('.', dash);
        if (dash < 0 || dot < 1 || end - dash - 1 != 32 || name.AsSpan(dash + 1, 32).ContainsAnyExcept("0123456789abcdef")) return null;
        return int.TryParse(name.AsSpan(dot + 1, dash - dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
