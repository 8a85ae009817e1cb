using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>--input NAME=FILE|VALUES</c> on run, bench and optimize (one parser, <see cref="OnnxKit.Execution.InputArguments"/>),
/// the realistic defaults for open dims that verification reports, and an optimize that cannot verify writing nothing.
/// </summary>
public sealed class InputValuesCliTests
{
    [Fact]
    public void A_literal_input_runs_exactly_like_the_same_values_from_a_file()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        NpyFile.Write(dir.File("x.npy"), DenseTensor.FromFloats([1, -2, 0.5f, 3], [1, 4]));
        var literal = CliRunner.Run("run", dir.File("dense.onnx"), "-i", "x=[1, -2, 0.5, 3]", "--output-dir", dir.File("literal"));
        var file = CliRunner.Run("run", dir.File("dense.onnx"), "-i", $"x={dir.File("x.npy")}", "--output-dir", dir.File("file"));
        Assert.Equal(0, literal.ExitCode);
        Assert.Equal(0, file.ExitCode);
        Assert.Contains("[1, -2, 0.5, 3]", literal.Output); // where the input came from
        Assert.Equal(NpyFile.Read(Path.Combine(dir.File("file"), "y.npy")).ToArray<float>(), NpyFile.Read(Path.Combine(dir.File("literal"), "y.npy")).ToArray<float>());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("bench")]
    [InlineData("optimize")]
    public void Every_command_names_the_input_a_literal_does_not_fit(string command)
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        string[] extra = command == "optimize" ? ["-o", dir.File("out.onnx")] : command == "bench" ? ["-n", "1", "--warmup", "0"] : [];
        var result = CliRunner.Run([command, dir.File("dense.onnx"), "-i", "x=1,2,3", .. extra]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--input x=1,2,3: 3 value(s) do not fit input x: float[N,4]", result.Error);
        Assert.False(File.Exists(dir.File("out.onnx")));
    }

    [Fact]
    public void Bench_measures_on_the_given_values()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("bench", dir.File("dense.onnx"), "-i", "x=1,2,3,4,5,6,7,8", "--shape", "x=2x4", "-n", "3", "--warmup", "0", "--json", "-");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("x=2x4", json.RootElement.GetProperty("results")[0].GetProperty("inputShapes")[0].GetString());
    }

    [RealModelFact(RealModels.SileroV5)]
    public void Silero_v5_is_verified_and_benchmarked_with_its_sample_rate_given_and_not_written_without_it()
    {
        using var dir = new TempFolder();
        string model = RealModels.Require(RealModels.SileroV5);
        // A random sample rate takes the model's 8 kHz branch with 512 samples, which neither backend can run:
        // nothing can be verified, so nothing is written and the exit code says so.
        var unverified = CliRunner.Run("optimize", model, "-o", dir.File("random-sr.onnx"));
        Assert.Equal(1, unverified.ExitCode);
        Assert.Contains("Nothing written", unverified.Output);
        Assert.False(File.Exists(dir.File("random-sr.onnx")));

        var verified = CliRunner.Run("optimize", model, "-o", dir.File("v5.onnx"), "-i", "sr=16000");
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("Verified", verified.Output);
        Assert.Contains("sr=scalar, input=1x512, state=2x1x128", verified.Output.Replace("\n", ""));
        Assert.True(File.Exists(dir.File("v5.onnx")));

        var bench = CliRunner.Run("bench", model, "-i", "sr=16000", "-n", "3", "--warmup", "1", "--json", "-");
        Assert.Equal(0, bench.ExitCode);
        using var json = JsonDocument.Parse(bench.Output);
        Assert.Contains("input=1x512", json.RootElement.GetProperty("results")[0].GetProperty("inputShapes").EnumerateArray().Select(e => e.GetString()));
    }

    [RealModelFact(RealModels.PaddleOcrDetection)]
    public void PaddleOcr_detection_is_verified_on_a_realistic_image_and_a_one_pixel_one_is_called_weak()
    {
        using var dir = new TempFolder();
        string model = RealModels.Require(RealModels.PaddleOcrDetection);
        var defaults = CliRunner.Run("optimize", model, "-o", dir.File("det.onnx"), "--json");
        Assert.Equal(0, defaults.ExitCode);
        using var json = JsonDocument.Parse(defaults.Output);
        var verification = json.RootElement.GetProperty("optimization").GetProperty("verification");
        Assert.Equal(["x=1x3x224x224"], verification.GetProperty("inputShapes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, verification.GetProperty("caveats").GetArrayLength());

        // The old default, every open dim 1: the outputs agree, but they say nothing.
        var onePixel = CliRunner.Run("optimize", model, "-o", dir.File("det1.onnx"), "--shape", "x=1x3x1x1");
        Assert.Equal(0, onePixel.ExitCode);
        Assert.Contains("Verified, but weakly", onePixel.Output);
        Assert.Contains("output 'sigmoid_0.tmp_0' is all zeros on the verification inputs", onePixel.Output.Replace("\n", ""));
    }
}
