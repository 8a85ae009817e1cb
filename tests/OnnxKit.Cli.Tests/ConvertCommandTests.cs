using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>onnxkit convert</c>'s exit codes and messages: an opset out of range is a usage error (2); a model already at
/// the target and a conversion with no exact equivalent fail (1) naming the reason and write nothing;
/// <c>--allow-approximate</c> accepts the one approximate rewrite (Erf below opset 9) with a note, and the result
/// is verified; a custom-domain node is kept, with a note, but the unverifiable result is written only with <c>--verify 0</c>;
/// going up, an expansion is fused back into its operator and reported, and <c>--no-fuse</c> keeps it.
/// </summary>
public sealed class ConvertCommandTests
{
    /// <summary>x → Gelu → y at opset 20 (exact Gelu expands into Erf, which opsets 7-8 lack).</summary>
    private static Model GeluModel(string domain = "")
    {
        var graph = new Graph("gelu");
        var x = new Value("x", new TensorType(DataType.Float, new Shape(2, 3)));
        graph.Inputs.Add(x);
        var gelu = new Node(domain, "Gelu", [x], ["y"]);
        gelu.Outputs[0].Type = new TensorType(DataType.Float, new Shape(2, 3));
        graph.Nodes.Add(gelu);
        graph.Outputs.Add(gelu.Outputs[0]);
        List<OpsetImport> imports = [new OpsetImport("", 20)];
        if (domain.Length > 0) imports.Add(new OpsetImport(domain, 1));
        return new Model(graph, 9, imports);
    }

    [Fact]
    public void BadInputGetsAClearMessageAndExitCodeAndWritesNothing()
    {
        using var dir = new TempFolder();
        string input = dir.File("gelu.onnx"), output = dir.File("out.onnx");
        OnnxFile.Save(GeluModel(), input);

        var outOfRange = CliRunner.Run("convert", input, "-o", output, "--opset", "99");
        Assert.Equal(2, outOfRange.ExitCode);
        Assert.Contains("--opset 99", outOfRange.Error);

        var same = CliRunner.Run("convert", input, "-o", output, "--opset", "20");
        Assert.Equal(1, same.ExitCode);
        Assert.Contains("already imports ai.onnx opset 20", same.Error);

        var exactOnly = CliRunner.Run("convert", input, "-o", output, "--opset", "8", "--verify", "0");
        Assert.Equal(1, exactOnly.ExitCode);
        Assert.Contains("Erf", exactOnly.Error);
        Assert.Contains("--allow-approximate", exactOnly.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AllowApproximateAcceptsErfBelowOpset9AndTheResultIsVerified()
    {
        using var dir = new TempFolder();
        string input = dir.File("gelu.onnx"), output = dir.File("out.onnx"), again = dir.File("again.onnx");
        OnnxFile.Save(GeluModel(), input);

        var result = CliRunner.Run("convert", input, "-o", output, "--opset", "8", "--allow-approximate", "--verify", "3", "--json");
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Abramowitz", result.Output);
        var converted = OnnxFile.Load(output);
        Assert.Equal(8, converted.OpsetVersion(""));
        Assert.DoesNotContain(converted.Graph.Nodes, n => n.OpType is "Erf" or "Gelu");

        var twice = CliRunner.Run("convert", output, "-o", again, "--opset", "8");
        Assert.Equal(1, twice.ExitCode);
        Assert.False(File.Exists(again));
    }

    [Fact]
    public void ACustomDomainNodeIsKeptWithANoteAndWrittenOnlyWithoutVerification()
    {
        using var dir = new TempFolder();
        string input = dir.File("custom.onnx"), output = dir.File("out.onnx");
        OnnxFile.Save(GeluModel("com.example"), input);

        var refused = CliRunner.Run("convert", input, "-o", output, "--opset", "13");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("could not be verified", refused.Error);
        Assert.Contains("com.example", refused.Error);
        Assert.Contains("--verify 0", refused.Error);
        Assert.False(File.Exists(output));

        var result = CliRunner.Run("convert", input, "-o", output, "--opset", "13", "--verify", "0", "--json");
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("com.example", result.Output);
        var converted = OnnxFile.Load(output);
        Assert.Equal(13, converted.OpsetVersion(""));
        Assert.Equal("com.example", Assert.Single(converted.Graph.Nodes).Domain);
    }

    [Fact]
    public void GoingUpFusesTheExpansionBackAndReportsItUnlessNoFuse()
    {
        using var dir = new TempFolder();
        string input = dir.File("gelu.onnx"), down = dir.File("down.onnx"), up = dir.File("up.onnx"), kept = dir.File("kept.onnx");
        OnnxFile.Save(GeluModel(), input);
        Assert.Equal(0, CliRunner.Run("convert", input, "-o", down, "--opset", "13").ExitCode);

        var fused = CliRunner.Run("convert", down, "-o", up, "--opset", "21", "--verify", "2", "--json");
        Assert.True(fused.ExitCode == 0, fused.Error + fused.Output);
        Assert.Contains("fuse-gelu", fused.Output);
        Assert.Equal("Gelu", Assert.Single(OnnxFile.Load(up).Graph.Nodes).OpType);

        var decomposed = CliRunner.Run("convert", down, "-o", kept, "--opset", "21", "--no-fuse");
        Assert.True(decomposed.ExitCode == 0, decomposed.Error + decomposed.Output);
        Assert.DoesNotContain("fuse-gelu", decomposed.Output);
        Assert.Contains(OnnxFile.Load(kept).Graph.Nodes, n => n.OpType == "Erf");
    }
}
