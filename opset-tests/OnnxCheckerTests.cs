using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using OnnxKit.Exporter.Export;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Serialization;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model, exported at every selected opset that ONNX 1.12 knows (up to 17), passes
/// ONNX's own checker with full checks (<c>onnx.checker.check_model(path, full_check=True)</c>,
/// which also runs ONNX's shape inference). Models run at the matrix's reduced sizes and are
/// streamed to one Python process over its standard input, so nothing is written to disk.
/// To fit CI time, models of five million parameters or more (the VGGs, ResNets and
/// GoogLeNet, 25–150 MB each) are checked at the opsets where the exporter's forms change
/// (7, 9, 11, 13 and 17); the smaller models, which use the same operators, are checked at
/// every opset.
/// </summary>
public sealed class OnnxCheckerTests(ITestOutputHelper output)
{
    /// <summary>The newest opset onnx 1.12 (Debian's python3-onnx) checks.</summary>
    private const int NewestCheckedOpset = 17;

    /// <summary>The oldest opset and those at which the exporter's forms change (BatchNormalization 9; Clip, Pad, Resize 11; Squeeze, Split, Softmax 13), up to 17.</summary>
    private static readonly int[] FormChanges = [7, 9, 11, 13, 17];

    [OnnxPythonFact]
    public void EveryZooModelPassesOnnxFullCheck()
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
            foreach (string name in ZooCases.Names)
            {
                var model = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
                bool large = model.ParameterCount >= 5_000_000;
                foreach (int opset in OpsetSelection.FromEnvironment().Where(o => o <= NewestCheckedOpset && (!large || FormChanges.Contains(o))))
                {
                    Send(input, $"{name}@{opset}", OnnxFile.ToBytes(model.ToOnnx(new ExportOptions { Opset = opset })));
                    sent++;
                }
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
    internal static void Send(Stream input, string name, byte[] model)
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

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnnxKit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (OnnxKit.sln) was not found above the test assembly.");
    }
}
