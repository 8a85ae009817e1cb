using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>What the tool writes where, and checks that fail before any work is done.</summary>
public sealed class TerminalOutputTests
{
    [Fact]
    public void Piped_output_keeps_tables_at_full_width_and_notes_go_to_standard_error()
    {
        using var dir = new TempFolder();
        string folder = Path.Combine(dir.Path, new string('m', 90) + "-models");
        Directory.CreateDirectory(folder);
        string model = Path.Combine(folder, "dense-with-a-long-name.onnx");
        OnnxFile.Save(TestModels.Dense(), model);

        var result = CliRunner.RunWith(new Dictionary<string, string?> { ["COLUMNS"] = null }, "run", model, "--output-dir", Path.Combine(dir.Path, "out"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(model, result.Output); // on one line: not wrapped to 80 columns
        Assert.Contains(Path.Combine(dir.Path, "out", "y.npy"), result.Output);
        Assert.Contains("note: input 'x': dim 'N' is not fixed; using 1", result.Error);
        Assert.DoesNotContain("note:", result.Output);
    }

    [Fact]
    public void Export_list_shows_option_flags_as_typed()
    {
        var result = CliRunner.Run("export", "--list");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--image-size, --classes", result.Output);
        Assert.Contains("--no-top", result.Output);
        Assert.DoesNotContain("ImageSize", result.Output);
    }

    [Fact]
    public void Optimize_into_a_missing_folder_fails_before_the_work()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        string missing = Path.Combine(dir.Path, "no-such-folder");
        var result = CliRunner.Run("optimize", dir.File("dense.onnx"), "-o", Path.Combine(missing, "opt.onnx"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the folder '{missing}' does not exist", result.Error);
        Assert.Equal("", result.Output); // nothing was optimized or verified
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void An_unknown_shape_name_is_an_error_naming_it_and_the_inputs()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("run", dir.File("dense.onnx"), "--shape", "nosuch=4");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--shape nosuch=...: the model has no input or dim named 'nosuch'; its inputs are x: float[N,4] (symbolic dims N)", result.Error);
    }
}
