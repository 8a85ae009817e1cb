using System.Diagnostics;
using System.Text;

namespace OnnxKit.Fuzzing;

/// <summary>
/// The in-process pipeline behind a process boundary: the campaign sends inputs to a worker process over its
/// standard input and reads one line per input back. A worker that dies has crashed on the input; one that
/// does not answer in time has hung on it. Either way the campaign records the input and starts a new worker.
/// </summary>
internal sealed class Worker : IDisposable
{
    private readonly Process process;

    private Worker(Process process) => this.process = process;

    /// <summary>Starts <c>onnxkit-fuzz worker</c> from <paramref name="folder"/> (the instrumented copy, when there is one).</summary>
    public static Worker Start(string folder, string workspaceRoot)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(folder, "onnxkit-fuzz.dll"));
        start.ArgumentList.Add("worker");
        start.ArgumentList.Add(workspaceRoot);
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new Worker(process);
    }

    /// <summary>Sends one input; the answer, or a crash or hang finding.</summary>
    public (Finding? Finding, int Fresh, int Edges) Send(byte kind, byte[] data, TimeSpan timeout)
    {
        try
        {
            var stdin = process.StandardInput.BaseStream;
            stdin.WriteByte(kind);
            stdin.Write(BitConverter.GetBytes(data.Length));
            stdin.Write(data);
            stdin.Flush();
        }
        catch (IOException)
        {
            return (new Finding("crash", "worker", $"the worker had exited (code {ExitCode()})"), 0, 0);
        }
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout))
        {
            Kill();
            return (new Finding("hang", kind == 0 ? "pipeline" : "numpy", $"no answer in {timeout.TotalSeconds:0} s"), 0, 0);
        }
        if (line.Result is not { } answer) return (new Finding("crash", "worker", $"the worker died (exit code {ExitCode()})"), 0, 0);
        var parts = answer.Split('\t');
        if (parts[0] == "ok") return (null, int.Parse(parts[1]), int.Parse(parts[2]));
        return (new Finding(parts[1], parts[2], Encoding.UTF8.GetString(Convert.FromBase64String(parts[3]))), int.Parse(parts[4]), int.Parse(parts[5]));
    }

    public bool HasExited => process.HasExited;

    public void Kill()
    {
        try { process.Kill(entireProcessTree: true); process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private string ExitCode()
    {
        process.WaitForExit(2000);
        return process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
    }

    /// <summary>The worker's side: reads inputs until standard input closes.</summary>
    public static int Serve(string workspaceRoot)
    {
        Coverage.Start();
        var stdin = Console.OpenStandardInput();
        var header = new byte[5];
        int count = 0;
        while (stdin.ReadAtLeast(header, 5, throwOnEndOfStream: false) == 5)
        {
            var data = new byte[BitConverter.ToInt32(header, 1)];
            stdin.ReadExactly(data);
            using var workspace = new Workspace(workspaceRoot, $"w{Environment.ProcessId}-{count++}");
            var finding = header[0] == 0
                ? PipelineHarness.Run(data, workspace.Folder, TimeSpan.FromSeconds(10))
                : PipelineHarness.RunNumpy(data, workspace.Folder);
            if (finding is null && workspace.LeftoverTemporaries() is [var left, ..]) finding = new Finding("leftover", "save", left);
            int fresh = Coverage.Collect();
            Console.Out.WriteLine(finding is null
                ? $"ok\t{fresh}\t{Coverage.Edges}"
                : $"finding\t{finding.Kind}\t{finding.Where}\t{Convert.ToBase64String(Encoding.UTF8.GetBytes(finding.Detail))}\t{fresh}\t{Coverage.Edges}");
            Console.Out.Flush();
        }
        return 0;
    }
}
