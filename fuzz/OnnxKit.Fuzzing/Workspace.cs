using System.Diagnostics;

namespace OnnxKit.Fuzzing;

/// <summary>
/// A folder for one mutant: the model file plus what its external data may point at, a data file, a FIFO,
/// a loop of symbolic links, a link to <c>/dev/zero</c> and a subfolder, so that the mutator's external-data
/// entries reach every kind of file the loaders must refuse.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public Workspace(string root, string name)
    {
        Folder = Path.Combine(root, name);
        Directory.CreateDirectory(Folder);
        File.WriteAllBytes(Path.Combine(Folder, "data.bin"), new byte[4096]);
        Directory.CreateDirectory(Path.Combine(Folder, "folder"));
        if (!OperatingSystem.IsWindows())
        {
            TryLink("loop", "loop2");
            TryLink("loop2", "loop");
            TryLink("zero", "/dev/zero");
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Path.Combine(Folder, "pipe")) { UseShellExecute = false });
            mkfifo?.WaitForExit();
        }
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Temporary files of OnnxKit's naming left in the folder (a write that did not clean up).</summary>
    public IReadOnlyList<string> LeftoverTemporaries() =>
        Directory.EnumerateFiles(Folder, ".*.tmp").Select(Path.GetFileName).OfType<string>().ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private void TryLink(string name, string target)
    {
        try { System.IO.File.CreateSymbolicLink(Path.Combine(Folder, name), target); }
        catch (IOException) { }
    }
}
