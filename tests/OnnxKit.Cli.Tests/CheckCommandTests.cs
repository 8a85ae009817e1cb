using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void AValidModelExitsZero()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("check", dir.File("dense.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid", result.Output);
    }

    [Fact]
    public void EveryProblemIsListedWithItsLocationAndTheExitCodeIsThree()
    {
        using var dir = new TempFolder();
        var model = TestModels.Dense();
        var relu = model.Graph.Nodes.Last!;
        relu.ReplaceInput(0, new Value("nowhere"));                        // undefined input
        relu.Attributes.Set(Ir.Attribute.Float("alpha", 0.5f));            // Relu has no attributes
        model.Graph.Nodes.Add(new Node("", "LayerNormalization", [model.Graph.Inputs[0]], ["ln"])); // not in opset 13
        OnnxFile.Save(model, dir.File("bad.onnx"));

        var result = CliRunner.Run("check", dir.File("bad.onnx"), "--json");
        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var problems = json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Code: p.GetProperty("code").GetString(), Location: p.GetProperty("location").GetString())).ToList();
        Assert.Contains(problems, p => p.Code == "undefined-input" && p.Location!.StartsWith("graph.node[2]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == "unknown-attribute" && p.Location!.StartsWith("graph.node[2]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == "unknown-op" && p.Location!.StartsWith("graph.node[3]", StringComparison.Ordinal));

        var text = CliRunner.Run("check", dir.File("bad.onnx"));
        Assert.Equal(3, text.ExitCode);
        Assert.Contains("invalid", text.Output);
        Assert.Contains("nowhere", text.Output);
    }

    [Fact]
    public void AnOpset9ModelOfIrVersion3IsValidWithAWarningNamingTheIrVersionOpset9GoesWith()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(OldDense(), dir.File("old.onnx"));
        var result = CliRunner.Run("check", dir.File("old.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ir-version-older-than-opset", result.Output);
        Assert.Contains("IR version 4", result.Output);
    }

    [RealModelTheory(RealModels.OnnxLightFolder)]
    [MemberData(nameof(OnnxLightModels))]
    public void OnnxOwnOpset9ModelsOfIrVersion3AreValidWithTheWarning(string model)
    {
        var result = CliRunner.Run("check", RealModels.Require(model), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("code").GetString() == "ir-version-older-than-opset" && p.GetProperty("severity").GetString() == "Warning");
    }

    public static TheoryData<string> OnnxLightModels() => new(RealModels.Present(RealModels.OnnxLightModels).DefaultIfEmpty(RealModels.OnnxLightModels[0]));  // one name when absent, so the skipped theory has a case

    /// <summary><see cref="TestModels.Dense"/> as ONNX's old exporters wrote it: opset 9, IR 3, weights also graph inputs.</summary>
    private static Model OldDense()
    {
        var dense = TestModels.Dense();
        var model = new Model(dense.Graph, 3, [new OpsetImport("", 9)]) { ProducerName = "onnxkit-tests" };
        foreach (var initializer in model.Graph.Initializers.ToList()) model.Graph.Inputs.Add(initializer);
        return model;
    }

    [Fact]
    public void AnUnreadableModelIsInvalid()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("junk.onnx"), [0x0B, 0x01, 0x02]);
        var result = CliRunner.Run("check", dir.File("junk.onnx"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not a valid ONNX model", result.Error);
    }

    [Fact]
    public void ExternalDataEscapingTheFolderIsInvalidAndNamesTheTensor()
    {
        using var dir = new TempFolder();
        var model = TestModels.Dense(inputs: 64, outputs: 32);
        OnnxFile.Save(model, dir.File("m.onnx"), new SaveOptions { ExternalData = ExternalDataMode.External });
        byte[] bytes = File.ReadAllBytes(dir.File("m.onnx"));
        byte[] location = "m.onnx.data"u8.ToArray();
        byte[] escaped = "../a/b.data"u8.ToArray(); // same length, so the file stays well-formed
        int at = bytes.AsSpan().IndexOf(location);
        Assert.True(at > 0);
        escaped.CopyTo(bytes, at);
        File.WriteAllBytes(dir.File("m.onnx"), bytes);

        var result = CliRunner.Run("check", dir.File("m.onnx"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'W'", result.Error);
        Assert.Contains("climbs out", result.Error);
    }

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void InspectAndCheckSucceedOnEveryConformanceModel()
    {
        var failures = new List<string>();
        foreach (var path in SharedData.BackendModels())
        {
            var inspect = InProcessCli.Run("inspect", path, "--json");
            var check = InProcessCli.Run("check", path);
            if (inspect.ExitCode != 0 || check.ExitCode != 0)
                failures.Add($"{path}: inspect {inspect.ExitCode} {inspect.Error} check {check.ExitCode} {check.Output}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
    }
}
