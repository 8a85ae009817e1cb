using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Cli.Tests;

public sealed class OptimizeCommandTests
{
    /// <summary>x → Conv → BatchNormalization → Relu → Identity → y, with a symbolic batch.</summary>
    private static Model ConvBatchNorm()
    {
        var random = new Random(3);
        float[] Values(int n, double low, double high) => Enumerable.Range(0, n).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
        var graph = new Graph("convbn");
        var x = new Value("x", new TensorType(DataType.Float, new Shape("N", 3, 8, 8)));
        graph.Inputs.Add(x);
        var w = graph.AddInitializer("w", DenseTensor.FromFloats(Values(4 * 3 * 9, -1, 1), [4, 3, 3, 3]));
        Value Stat(string name, double low, double high) => graph.AddInitializer(name, DenseTensor.FromFloats(Values(4, low, high), [4]));
        var conv = new Node("", "Conv", [x, w], ["c"], [IrAttribute.Ints("pads", [1, 1, 1, 1])]);
        var bn = new Node("", "BatchNormalization", [conv.Outputs[0], Stat("g", 0.5, 1.5), Stat("b", -1, 1), Stat("m", -1, 1), Stat("v", 0.5, 2)], ["n"]);
        var relu = new Node("", "Relu", [bn.Outputs[0]], ["r"]);
        var identity = new Node("", "Identity", [relu.Outputs[0]], ["y"]);
        graph.Nodes.AddRange([conv, bn, relu, identity]);
        identity.Outputs[0].Type = new TensorType(DataType.Float, new Shape("N", 4, 8, 8));
        graph.Outputs.Add(identity.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 13)]);
    }

    [Fact]
    public void OptimizesVerifiesAndReportsBeforeAndAfter()
    {
        using var dir = new TempFolder();
        string input = dir.File("convbn.onnx"), output = dir.File("out.onnx"), report = dir.File("report.json");
        OnnxFile.Save(ConvBatchNorm(), input);
        byte[] original = File.ReadAllBytes(input);

        var result = CliRunner.Run("optimize", input, "-o", output, "--verify", "2", "--report", report);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("BatchNormalization", result.Output);
        Assert.Contains("Verified", result.Output);
        Assert.Equal(original, File.ReadAllBytes(input));

        var optimized = OnnxFile.Load(output);
        Assert.Equal(["Conv", "Relu"], optimized.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal("y", optimized.Graph.Outputs[0].Name);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement.GetProperty("optimization");
        Assert.Equal(4, root.GetProperty("before").GetProperty("nodes").GetInt32());
        Assert.Equal(2, root.GetProperty("after").GetProperty("nodes").GetInt32());
        Assert.True(root.GetProperty("verification").GetProperty("passed").GetBoolean());
        Assert.Equal(2, root.GetProperty("verification").GetProperty("inputSets").GetInt32());
    }

    [Fact]
    public void Float16HalvesTheWeights()
    {
        using var dir = new TempFolder();
        string input = dir.File("convbn.onnx"), output = dir.File("fp16.onnx");
        OnnxFile.Save(ConvBatchNorm(), input);
        var result = CliRunner.Run("optimize", input, "-o", output, "--fp16", "--nan-scan");
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Float16", result.Output);
        var converted = OnnxFile.Load(output);
        Assert.All(converted.Graph.Initializers, i => Assert.Equal(DataType.Float16, i.ConstValue!.DataType));
        Assert.Equal(DataType.Float, converted.Graph.Inputs[0].TensorType!.ElementType);

        var again = CliRunner.Run("optimize", output, "-o", dir.File("twice.onnx"), "--fp16");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already converted", again.Error);
    }

    /// <summary>y = x·1000·1000/10⁶ + 0.25: the product overflows float16 (65504) wherever |x| &gt; 0.07.</summary>
    private static Model Overflowing()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", 2, 4);
        var up = g.Op("Mul", [g.Op("Mul", [x, g.Floats("k1", [1000f], [])]), g.Floats("k2", [1000f], [])]);
        return g.Output(g.Op("Add", [g.Op("Div", [up, g.Floats("k3", [1e6f], [])]), g.Floats("bias", [0.25f], [])]), DataType.Float, 2, 4).ToModel();
    }

    [Fact]
    public void AFailedFloat16ConversionSaysSoOnceAndWritesNothing()
    {
        using var dir = new TempFolder();
        string input = dir.File("overflow.onnx"), output = dir.File("fp16.onnx"), kept = dir.File("kept.onnx");
        OnnxFile.Save(Overflowing(), input);
        var failed = CliRunner.Run("optimize", input, "-o", output, "--fp16");
        Assert.True(failed.ExitCode == 1, failed.Error + failed.Output);
        Assert.Contains("Verification failed", failed.Output);
        Assert.DoesNotContain("Verified", failed.Output);
        Assert.Contains("Nothing written", failed.Output);
        Assert.False(File.Exists(output));

        var keep = CliRunner.Run("optimize", input, "-o", kept, "--fp16", "--keep-on-failure");
        Assert.Equal(1, keep.ExitCode);
        Assert.All(OnnxFile.Load(kept).Graph.Initializers, i => Assert.Equal(DataType.Float, i.ConstValue!.DataType));

        var mixed = CliRunner.Run("optimize", input, "-o", output, "--fp16", "--mixed-precision", "auto", "--json");
        Assert.True(mixed.ExitCode == 0, mixed.Error + mixed.Output);
        using var json = JsonDocument.Parse(mixed.Output);
        var verification = json.RootElement.GetProperty("optimization").GetProperty("verification");
        Assert.StartsWith("onnxruntime", verification.GetProperty("backend").GetString());
        Assert.Contains("reference", verification.GetProperty("backends").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public void ListPassesNamesEveryPassWithItsLevel()
    {
        var result = CliRunner.Run("optimize", "--list-passes", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var names = json.RootElement.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("fuse-conv-batchnorm", names);
        Assert.Contains("eliminate-dead-code", names);
        Assert.All(json.RootElement.EnumerateArray(), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
    }

    [Fact]
    public void ExplicitPassesRunAloneAndUnknownPassesAreErrors()
    {
        using var dir = new TempFolder();
        string input = dir.File("convbn.onnx");
        OnnxFile.Save(ConvBatchNorm(), input);
        var only = CliRunner.Run("optimize", input, "-o", dir.File("a.onnx"), "--passes", "remove-no-ops");
        Assert.Equal(0, only.ExitCode);
        Assert.Equal(["Conv", "BatchNormalization", "Relu"], OnnxFile.Load(dir.File("a.onnx")).Graph.Nodes.Select(n => n.OpType));

        var unknown = CliRunner.Run("optimize", input, "-o", dir.File("b.onnx"), "--skip", "fuse-everything");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown pass 'fuse-everything'", unknown.Error);
        Assert.False(File.Exists(dir.File("b.onnx")));
    }

    /// <summary>
    /// ONNX Runtime's native library is loaded only by a run that verifies: it used to start loading when the verification
    /// backend was chosen, whatever <c>--verify</c> said. The loader's log lists every shared library the run loaded; the
    /// verifying run is the control that shows the log does name ONNX Runtime's when it is loaded.
    /// </summary>
    [GlibcLoaderFact]
    public void OnnxRuntimeLoadsOnlyWhenVerifying()
    {
        using var dir = new TempFolder();
        string input = dir.File("convbn.onnx");
        OnnxFile.Save(ConvBatchNorm(), input);
        var loaderLog = new Dictionary<string, string?> { ["LD_DEBUG"] = "files" };

        var unverified = CliRunner.RunWith(loaderLog, "optimize", input, "-o", dir.File("a.onnx"), "--verify", "0");
        Assert.True(unverified.ExitCode == 0, unverified.Error);
        Assert.Contains("libSystem.Native", unverified.Error); // the log is there
        Assert.DoesNotContain("libonnxruntime", unverified.Error);

        var verified = CliRunner.RunWith(loaderLog, "optimize", input, "-o", dir.File("b.onnx"));
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.Contains("libonnxruntime", verified.Error);
    }

    [Fact]
    public void A_usage_error_while_onnx_runtime_loads_exits_with_two_not_a_crash()
    {
        // ONNX Runtime starts loading before the arguments are checked; a process that ended mid-load crashed (SIGSEGV)
        // in about one run in three.
        using var dir = new TempFolder();
        for (int i = 0; i < 8; i++)
        {
            var run = CliRunner.Run("optimize", dir.File("missing.onnx"), "-o", dir.File("x.onnx"));
            Assert.True(run.ExitCode == 2, $"run {i}: exit code {run.ExitCode}\n{run.Error}");
        }
    }

    [Fact]
    public void UsageMistakesExitWithTwo()
    {
        using var dir = new TempFolder();
        string input = dir.File("convbn.onnx");
        OnnxFile.Save(ConvBatchNorm(), input);
        Assert.Equal(2, CliRunner.Run("optimize", input).ExitCode);                                        // no -o
        Assert.Equal(2, CliRunner.Run("optimize", dir.File("missing.onnx"), "-o", dir.File("x.onnx")).ExitCode);
        Assert.Equal(2, CliRunner.Run("optimize", input, "-o", dir.File("x.onnx"), "--level", "max").ExitCode);
        Assert.Equal(2, CliRunner.Run("optimize", input, "-o", dir.File("x.onnx"), "--nan-scan").ExitCode);   // needs --fp16
        var overwrite = CliRunner.Run("optimize", input, "-o", input);
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Contains("overwrite the input", overwrite.Error);
    }
}
