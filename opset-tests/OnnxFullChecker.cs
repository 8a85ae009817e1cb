using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Streams models to one Python process running ONNX's checker with full checks
/// (<c>tools/onnx_full_check.py --stdin</c>, which also runs ONNX's shape inference), so nothing is
/// written to disk, and asserts that every model passed.
/// </summary>
internal static class OnnxFullChecker
{
    /// <summary>Checks every (name, serialized model) pair; the assertion lists each failure.</summary>
    public static void AssertAllPass(IEnumerable<(string Name, byte[] Model)> models, ITestOutputHelper output)
    {
        string script = Path.Combine(RepositoryRoot(), "tools", "onnx_full_check.py");
        var start = new ProcessStartInfo(OnnxPythonFactAttribute.Python, [script, "--stdin"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        int sent = 0;
        using (var input = process.StandardInput.BaseStream)
        {
            foreach (var (name, model) in models)
            {
                Send(input, name, model);
                sent++;
            }
        }
        process.WaitForExit();
        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"{lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal))} of {sent} models passed onnx.checker.check_model(full_check=True)");
        var failures = lines.Where(l => !l.StartsWith("ok ", StringComparison.Ordinal)).ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
        Assert.True(lines.Length == sent, $"the checker answered for {lines.Length} of {sent} models: {stderr.Result}");
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Frames one model for <c>onnx_full_check.py --stdin</c>.</summary>
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnnxKit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (OnnxKit.sln) was not found above the test assembly.");
    }
}
