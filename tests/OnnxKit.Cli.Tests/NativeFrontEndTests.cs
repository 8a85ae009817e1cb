using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// The tool published with its native front end (<c>-p:NativeFrontEnd=true</c>): every command line gives the same
/// standard output, standard error and exit code through <c>onnxkit</c> (native, or handed on) as through the full
/// tool <c>onnxkit-full</c> beside it, the natively served <c>optimize</c> writes the same model and report, and the
/// light commands do not need the full tool at all.
/// </summary>
public sealed class NativeFrontEndTests : IClassFixture<NativeFrontEndTests.Published>
{
    private readonly Published tool;

    public NativeFrontEndTests(Published tool) => this.tool = tool;

    [NativeFrontEndFact]
    public void Every_command_line_behaves_as_in_the_full_tool()
    {
        using var dir = new TempFolder();
        string model = dir.File("dense.onnx"), notOnnx = dir.File("text.onnx");
        OnnxFile.Save(TestModels.Dense(), model);
        File.WriteAllText(notOnnx, "not a model");
        string[][] lines =
        [
            ["--version"],
            ["inspect", model], ["inspect", model, "--json"], ["inspect", model, "--tree"], ["inspect", model, "--tree", "--json"],
            ["inspect", model, "--tree", "--markdown"], ["inspect", "--help"], ["inspect", model, "--markdown"], ["inspect", dir.File("missing.onnx")],
            ["check", model], ["check", model, "--json"], ["check", notOnnx], ["check", model, "--max-nodes", "0"], ["check", "-v"],
            // handed to the full tool
            ["--help"], ["summary", model], ["nosuch"], [],
        ];
        foreach (var args in lines)
        {
            var native = Run(tool.FrontEnd, args);
            var full = Run(tool.Full, args);
            string line = string.Join(' ', args);
            Assert.True(full == native, $"onnxkit {line}: the front end gave {native}, the full tool {full}");
        }
    }

    [NativeFrontEndFact]
    public void Optimize_writes_the_same_model_report_and_output_natively_as_in_the_full_tool()
    {
        using var dir = new TempFolder();
        string model = dir.File("lenet5.onnx"), optimized = dir.File("lenet5.opt.onnx"), report = dir.File("report.json");
        var export = Run(tool.Full, "export", "lenet5", "-o", model);
        Assert.True(export.ExitCode == 0, export.Error);
        // Calibration samples for static INT8 (random images: this compares the two tools, not accuracy).
        string samples = dir.File("samples.npz");
        var random = new Random(5);
        NpzFile.Write(samples, new Dictionary<string, ITensor>
        {
            ["conv2d_input"] = DenseTensor.FromFloats(Enumerable.Range(0, 16 * 28 * 28).Select(_ => (float)random.NextDouble()).ToArray(), [16, 1, 28, 28]),
        });
        string[][] lines =
        [
            ["optimize", model, "-o", optimized, "--report", report],
            ["optimize", model, "-o", optimized, "--report", report, "--json", "--verify", "2", "--verify-each"],
            ["optimize", model, "-o", optimized, "--report", report, "--fp16", "--json"],
            ["optimize", model, "-o", optimized, "--report", report, "--int8", "--json"],
            ["optimize", model, "-o", optimized, "--report", report, "--int8", "--calibration-data", samples],
            ["optimize", "--list-passes", "--json"], ["optimize", "--list-passes"], ["optimize", "--help"], ["optimize", model],
            ["optimize", model, "-o", optimized, "--level", "explicit"], ["optimize", dir.File("missing.onnx"), "-o", optimized],
        ];
        foreach (var args in lines)
        {
            var (full, fullModel, fullReport) = (Run(tool.Full, args), ReadAndDelete(optimized), ReadAndDelete(report));
            var (native, nativeModel, nativeReport) = (Run(tool.FrontEnd, args), ReadAndDelete(optimized), ReadAndDelete(report));
            string line = string.Join(' ', args);
            Assert.True(full.ExitCode == native.ExitCode, $"onnxkit {line}: exit code {native.ExitCode} natively, {full.ExitCode} in the full tool");
            AssertSameReport(full.Output, native.Output);
            Assert.Equal(WithoutTimes(full.Error), WithoutTimes(native.Error));
            Assert.True(fullModel.SequenceEqual(nativeModel), $"onnxkit {line}: the optimized models differ");
            AssertSameReport(Encoding.UTF8.GetString(fullReport), Encoding.UTF8.GetString(nativeReport));
        }
        Assert.True(ReadAndDelete(model).Length > 0);
    }

    /// <summary>
    /// The same text but for the passes' times and the verification errors measured on the reference evaluator, which
    /// may differ in the last digits: its sums are vectorized, and native AOT compiles for the baseline instruction
    /// set (128-bit vectors) where the JIT uses the machine's widest, so they add in another order. Those errors
    /// must agree to 1 %.
    /// </summary>
    private static void AssertSameReport(string full, string native)
    {
        Assert.Equal(ErrorValue.Replace(WithoutTimes(full), "$1"), ErrorValue.Replace(WithoutTimes(native), "$1"));
        double[] expected = Errors(full), actual = Errors(native);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-2 * Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])),
                $"error {i}: {actual[i]} natively, {expected[i]} in the full tool");
    }

    private static readonly Regex ErrorValue = new("(\"max(?:Absolute|Relative)Error\": )([^,\n]+)");

    private static double[] Errors(string json) =>
        ErrorValue.Matches(json).Select(m => double.Parse(m.Groups[2].Value.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// <paramref name="text"/> without what differs from run to run: the passes' times (in the table, "0.6 ms", and in
    /// JSON, "elapsed") and the spacing and rules of a table whose time column they widen.
    /// </summary>
    private static string WithoutTimes(string text) =>
        Regex.Replace(Regex.Replace(Regex.Replace(text, @"\d+(\.\d+)? ms", "ms"), "\"elapsed\": \"[^\"]*\"", "\"elapsed\""), "[ ─┬┼┴]+", " ");

    /// <summary>The file's bytes (none when it is absent), and the file gone.</summary>
    private static byte[] ReadAndDelete(string path)
    {
        if (!File.Exists(path)) return [];
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    [NativeFrontEndFact]
    public void Light_commands_run_without_the_full_tool_and_others_say_it_is_missing()
    {
        using var dir = new TempFolder();
        string model = dir.File("dense.onnx");
        OnnxFile.Save(TestModels.Dense(), model);
        string alone = dir.File(Path.GetFileName(tool.FrontEnd));
        File.Copy(tool.FrontEnd, alone);
        // The front end's own native library (Mono.Unix's, which Core reads files with) goes with it.
        foreach (var library in Directory.GetFiles(Path.GetDirectoryName(tool.FrontEnd)!, "libMono.Unix.*"))
            File.Copy(library, dir.File(Path.GetFileName(library)));

        Assert.Equal(Run(tool.Full, "inspect", model), Run(alone, "inspect", model));
        Assert.Equal(Run(tool.Full, "check", model, "--json"), Run(alone, "check", model, "--json"));
        var summary = Run(alone, "summary", model);
        Assert.Equal(1, summary.ExitCode);
        Assert.Contains("the full onnxkit tool is missing", summary.Error);
    }

    private static CliRunner.Result Run(string executable, params string[] args) => CliRunner.RunProgram(executable, args);

    /// <summary>The tool published once for these tests, with its native front end, into a temporary folder.</summary>
    public sealed class Published : IDisposable
    {
        private readonly TempFolder folder = new();

        /// <summary>Publishes the tool when the tests are on; does nothing otherwise.</summary>
        public Published()
        {
            if (Environment.GetEnvironmentVariable(NativeFrontEndFactAttribute.Variable) != "1") return;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "publish", Path.Combine(RepositoryPaths.Root, "src", "Cli"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "--self-contained", "false", "-p:NativeFrontEnd=true", "-o", folder.Path, "-nologo" })
                start.ArgumentList.Add(arg);
            using var publish = Process.Start(start)!;
            var output = publish.StandardOutput.ReadToEndAsync();
            var error = publish.StandardError.ReadToEndAsync();
            if (!publish.WaitForExit(TimeSpan.FromMinutes(20))) publish.Kill(entireProcessTree: true);
            if (!publish.HasExited || publish.ExitCode != 0) throw new InvalidOperationException($"publishing the native front end failed:\n{output.Result}\n{error.Result}");
        }

        private string Executable(string name) => Path.Combine(folder.Path, OperatingSystem.IsWindows() ? name + ".exe" : name);

        /// <summary>The native front end, <c>onnxkit</c>.</summary>
        public string FrontEnd => Executable("onnxkit");

        /// <summary>The full tool's launcher, <c>onnxkit-full</c>.</summary>
        public string Full => Executable("onnxkit-full");

        /// <inheritdoc />
        public void Dispose() => folder.Dispose();
    }
}
