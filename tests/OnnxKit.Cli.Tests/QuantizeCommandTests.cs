using System.Text.Json;
using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>onnxkit quantize</c> and <c>optimize --int8</c> as a user runs them: a written model that passes the
/// checker, reports in JSON and HTML, and bad input refused with a message, the right exit code and no output file.
/// </summary>
public sealed class QuantizeCommandTests
{
    /// <summary>image[N,1,12,12] → Conv → BatchNormalization → Relu → MaxPool → Flatten → Gemm → scores[N,4].</summary>
    private static Model SmallCnn(long opset = 17)
    {
        var random = new Random(5);
        float[] Values(int n, double low, double high) => Enumerable.Range(0, n).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
        var graph = new Graph("small");
        var x = new Value("image", new TensorType(DataType.Float, new Shape("N", 1, 12, 12)));
        graph.Inputs.Add(x);
        Value Init(string name, long[] dims, double low, double high) => graph.AddInitializer(name, DenseTensor.FromFloats(Values((int)dims.Aggregate(1L, (a, b) => a * b), low, high), dims));
        var conv = new Node("", "Conv", [x, Init("w", [4, 1, 3, 3], -1, 1), Init("b", [4], -0.1, 0.1)], ["c"], [IrAttribute.Ints("pads", [1, 1, 1, 1])]);
        var bn = new Node("", "BatchNormalization", [conv.Outputs[0], Init("g", [4], 0.5, 1.5), Init("beta", [4], -0.5, 0.5), Init("m", [4], -0.5, 0.5), Init("v", [4], 0.5, 2)], ["n"]);
        var relu = new Node("", "Relu", [bn.Outputs[0]], ["r"]);
        var pool = new Node("", "MaxPool", [relu.Outputs[0]], ["p"], [IrAttribute.Ints("kernel_shape", [2, 2]), IrAttribute.Ints("strides", [2, 2])]);
        var flat = new Node("", "Flatten", [pool.Outputs[0]], ["f"]);
        var gemm = new Node("", "Gemm", [flat.Outputs[0], Init("fc", [144, 4], -0.2, 0.2), Init("fcb", [4], -0.1, 0.1)], ["scores"]);
        graph.Nodes.AddRange([conv, bn, relu, pool, flat, gemm]);
        gemm.Outputs[0].Type = new TensorType(DataType.Float, new Shape("N", 4));
        graph.Outputs.Add(gemm.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", opset)]);
    }

    /// <summary>A .npz of <paramref name="samples"/> images (and labels), in [0, 1).</summary>
    private static void WriteSamples(string path, int samples, long side = 12, params string[] names)
    {
        var random = new Random(samples);
        long n = samples * side * side;
        var arrays = new Dictionary<string, ITensor>();
        foreach (var name in names.DefaultIfEmpty("image"))
            arrays[name] = DenseTensor.FromFloats(Enumerable.Range(0, (int)n).Select(_ => (float)random.NextDouble()).ToArray(), [samples, 1, side, side]);
        arrays["y"] = DenseTensor.FromInt64s(Enumerable.Range(0, samples).Select(i => (long)(i % 4)).ToArray(), [samples]);
        NpzFile.Write(path, arrays);
    }

    [Fact]
    public void Quantizes_verifies_and_writes_a_model_that_passes_the_checker_with_json_and_html_reports()
    {
        using var dir = new TempFolder();
        string input = dir.File("cnn.onnx"), output = dir.File("cnn.int8.onnx"), data = dir.File("samples.npz"), json = dir.File("report.json"), html = dir.File("report.html");
        OnnxFile.Save(SmallCnn(), input);
        WriteSamples(data, 40);
        byte[] original = File.ReadAllBytes(input);

        var result = CliRunner.Run("optimize", input, "-o", output, "--int8", "--calibration-data", data, "--report", json);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);

        var quantize = CliRunner.Run("quantize", input, "-o", dir.File("plain.int8.onnx"), "--calibration-data", data, "--calibrate", "percentile:99.99", "--report", html);
        Assert.True(quantize.ExitCode == 0, quantize.Error + quantize.Output);

        Assert.Equal(original, File.ReadAllBytes(input));
        Assert.Contains("Optimized first", result.Output);
        Assert.Contains("Top-1 accuracy", result.Output);
        var quantized = OnnxFile.Load(output);
        Assert.True(ModelChecker.Check(quantized).IsValid);
        Assert.DoesNotContain(quantized.Graph.Nodes, n => n.OpType is "BatchNormalization" or "Relu");
        Assert.Contains(quantized.Graph.Nodes, n => n.OpType == "QuantizeLinear");
        using (var document = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var report = document.RootElement.GetProperty("quantization");
            Assert.Equal(1, report.GetProperty("quantizedNodes").GetProperty("Conv").GetInt32());
            var tensors = report.GetProperty("tensors").EnumerateArray().ToList();
            Assert.Contains(tensors, t => t.GetProperty("role").GetString() == "Weight" && t.GetProperty("weightSqnr").GetDouble() > 30);
            Assert.Contains(tensors, t => t.GetProperty("role").GetString() == "Activation" && t.TryGetProperty("activationSqnr", out _));
            Assert.True(report.GetProperty("verification").GetProperty("outputs")[0].GetProperty("cosine").GetDouble() > 0.99);
            Assert.Equal(40, report.GetProperty("calibrationSamples").GetInt64());
        }
        string page = File.ReadAllText(html);
        Assert.Contains("<svg id=\"sqnr-bars\"", page);
        Assert.Contains("percentile:99.99", page);
    }

    [Fact]
    public void Random_calibration_warns_loudly()
    {
        using var dir = new TempFolder();
        string input = dir.File("cnn.onnx"), output = dir.File("out.onnx");
        OnnxFile.Save(SmallCnn(), input);

        var result = CliRunner.Run("quantize", input, "-o", output, "--calibration-data", "random");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("RANDOM", result.Output);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Dynamic_and_weight_only_modes_need_no_calibration_data()
    {
        using var dir = new TempFolder();
        string input = dir.File("cnn.onnx");
        OnnxFile.Save(SmallCnn(), input);

        var dynamic = CliRunner.Run("quantize", input, "-o", dir.File("dynamic.onnx"));
        var weights = CliRunner.Run("quantize", input, "-o", dir.File("weights.onnx"), "--mode", "weight-only", "--json");

        Assert.True(dynamic.ExitCode == 0, dynamic.Error + dynamic.Output);
        Assert.Contains("Dynamic quantization", dynamic.Output);
        Assert.Contains(OnnxFile.Load(dir.File("dynamic.onnx")).Graph.Nodes, n => n.OpType == "ConvInteger");
        Assert.True(weights.ExitCode == 0, weights.Error + weights.Output);
        using var json = JsonDocument.Parse(weights.Output);
        Assert.Equal("WeightOnly", json.RootElement.GetProperty("quantization").GetProperty("options").GetProperty("mode").GetString());
    }

    public static TheoryData<string, string, int, string> BadData => new()
    {
        { "wrong-names", "static", 1, "'image' matches no data array" },
        { "wrong-shape", "static", 1, "16x16" },
        { "empty-folder", "static", 1, "" },
        { "missing-file", "static", 1, "missing.npz" },
        { "no-data", "static", 2, "--calibration-data" },
        { "bad-method", "static", 2, "--calibrate" },
        { "bad-report", "static", 2, ".html or .json" },
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public void Bad_calibration_data_and_options_fail_with_a_message_and_write_nothing(string problem, string mode, int exitCode, string mentioned)
    {
        using var dir = new TempFolder();
        string input = dir.File("cnn.onnx"), output = dir.File("out.onnx"), data = dir.File("data.npz");
        OnnxFile.Save(SmallCnn(), input);
        string[] extra = [];
        switch (problem)
        {
            case "wrong-names": WriteSamples(data, 8, 12, "pixels", "depth"); break;
            case "wrong-shape": WriteSamples(data, 8, side: 16); break;
            case "empty-folder": Directory.CreateDirectory(data = dir.File("empty") + "/"); break;
            case "missing-file": data = dir.File("missing.npz"); break;
            case "no-data": data = ""; break;
            case "bad-method": WriteSamples(data, 8); extra = ["--calibrate", "kl-divergence"]; break;
            case "bad-report": WriteSamples(data, 8); extra = ["--report", dir.File("report.txt")]; break;
        }
        string[] args = data.Length == 0 ? ["quantize", input, "-o", output, "--mode", mode] : ["quantize", input, "-o", output, "--mode", mode, "--calibration-data", data, .. extra];

        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.Error}{result.Output}");
        Assert.StartsWith("error:", result.Error.TrimStart());
        Assert.Contains(mentioned, result.Error);
        Assert.DoesNotContain("internal error", result.Error);
        Assert.False(File.Exists(output));
        Assert.Empty(dir.FileNames().Except(["cnn.onnx", "data.npz"]));   // no output, report or temporary file
    }

    [Fact]
    public void Models_with_nothing_to_quantize_or_already_quantized_are_refused()
    {
        using var dir = new TempFolder();
        string plain = dir.File("softmax.onnx"), quantized = dir.File("q.onnx");
        var graph = new Graph("softmax");
        var x = new Value("x", new TensorType(DataType.Float, new Shape(1, 4)));
        graph.Inputs.Add(x);
        var softmax = new Node("", "Softmax", [x], ["y"]);
        graph.Nodes.Add(softmax);
        softmax.Outputs[0].Type = new TensorType(DataType.Float, new Shape(1, 4));
        graph.Outputs.Add(softmax.Outputs[0]);
        OnnxFile.Save(new Model(graph, 8, [new OpsetImport("", 17)]), plain);
        OnnxFile.Save(SmallCnn(), dir.File("cnn.onnx"));
        Assert.Equal(0, CliRunner.Run("quantize", dir.File("cnn.onnx"), "-o", quantized, "--calibration-data", "random").ExitCode);

        var nothing = CliRunner.Run("quantize", plain, "-o", dir.File("a.onnx"), "--calibration-data", "random");
        var again = CliRunner.Run("quantize", quantized, "-o", dir.File("b.onnx"), "--calibration-data", "random");
        var requantized = CliRunner.Run("quantize", quantized, "-o", dir.File("c.onnx"), "--calibration-data", "random", "--requantize");

        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("Nothing to quantize", nothing.Error);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already quantized", again.Error);
        Assert.False(File.Exists(dir.File("a.onnx")) || File.Exists(dir.File("b.onnx")));
        Assert.True(requantized.ExitCode == 0, requantized.Error + requantized.Output);
    }
}
