using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class ExportCommandTests
{
    [Fact]
    public void ListShowsEveryZooModel()
    {
        var result = InProcessCli.Run("export", "--list", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var names = json.RootElement.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray();
        Assert.Contains("resnet50-v1", names);
        Assert.Contains("batchnorm-example", names);
        Assert.Contains("distillation-student-wide", names);
        Assert.Contains("distillation-student-mlp", names);
        Assert.Equal(34, names.Length);
    }

    [Fact]
    public void ExportsAZooModelAtTheRequestedOpset()
    {
        using var dir = new TempFolder();
        var result = InProcessCli.Run("export", "lenet5", "--opset", "9", "-o", dir.File("lenet.onnx"), "--batch", "4");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("61,706 parameters", result.Output);
        var model = OnnxFile.Load(dir.File("lenet.onnx"));
        Assert.Equal(9, model.OpsetVersion(""));
        Assert.Equal(4, model.IrVersion);
        Assert.Equal("lenet5", model.Graph.Name);
        Assert.Equal(4, model.Graph.Inputs[0].TensorType!.Shape![0].Value);
        Assert.True(ModelChecker.Check(model).IsValid);
    }

    [Fact]
    public void ChannelsLastExportTakesTheSourcesLayout()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, InProcessCli.Run("export", "sign-cnn", "-o", dir.File("sign.onnx"), "--channels-last", "--image-size", "32").ExitCode);
        var input = OnnxFile.Load(dir.File("sign.onnx")).Graph.Inputs[0];
        Assert.Equal(["batch", "32", "32", "1"], input.TensorType!.Shape!.Select(d => d.ToString()));
    }

    [Fact]
    public void WeightsFromAnNpzArchiveAreWrittenToTheModel()
    {
        using var dir = new TempFolder();
        var kernel = Enumerable.Range(0, 13 * 10).Select(i => i * 0.01f).ToArray();
        NpzFile.Write(dir.File("weights.npz"), [new("dense/kernel:0", DenseTensor.FromFloats(kernel, [13, 10]))]);
        var result = InProcessCli.Run("export", "dnn-regressor", "-o", dir.File("r.onnx"), "--weights", dir.File("weights.npz"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(["dense/kernel"], json.RootElement.GetProperty("weightsLoaded").EnumerateArray().Select(e => e.GetString()));
        var stored = OnnxFile.Load(dir.File("r.onnx")).Graph.Initializers["dense/kernel"]!.ConstValue!;
        Assert.Equal(kernel, stored.ToArray<float>());
    }

    [Fact]
    public void WeightsThatMatchNoLayerAreRefused()
    {
        using var dir = new TempFolder();
        NpzFile.Write(dir.File("weights.npz"), [new("dense_9/kernel", DenseTensor.FromFloats([1f], [1]))]);
        var result = InProcessCli.Run("export", "dnn-regressor", "-o", dir.File("r.onnx"), "--weights", dir.File("weights.npz"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dense_9/kernel", result.Error);
        Assert.False(File.Exists(dir.File("r.onnx")));
    }

    [Fact]
    public void AScriptModelExports()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("model.csx"), """
            var input = Layers.Input(784);
            var hidden = Layers.Dense(64, Activation.Relu).Call(input);
            new FunctionalModel(input, Layers.Dense(10, Activation.Softmax).Call(hidden), name: "scripted")
            """);
        var result = InProcessCli.Run("export", "--script", dir.File("model.csx"), "-o", dir.File("m.onnx"), "--opset", "13");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'scripted' (50,890 parameters", result.Output);
        Assert.True(ModelChecker.Check(OnnxFile.Load(dir.File("m.onnx"))).IsValid);
        Assert.Contains("Total params: 50,890", InProcessCli.Run("summary", dir.File("model.csx")).Output);
    }

    [Fact]
    public void AScriptWithWrongShapesGivesAReadableError()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("bad.csx"), """
            var input = Layers.Input(784);
            var a = Layers.Dense(64).Call(input);
            var b = Layers.Dense(32).Call(input);
            new FunctionalModel(input, Layers.Add().Call(a, b))
            """);
        var result = InProcessCli.Run("export", "--script", dir.File("bad.csx"), "-o", dir.File("m.onnx"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Layer 'add' (Add): cannot add inputs of shapes (None, 64) and (None, 32)", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void AScriptThatDoesNotCompileShowsTheLine()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("broken.csx"), "var input = Layers.Input(4);\nnew FunctionalModel(input, Layers.Dense(2).Cal(input))\n");
        var result = InProcessCli.Run("export", "--script", dir.File("broken.csx"), "-o", dir.File("m.onnx"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.csx(2,", result.Error);
    }

    [Fact]
    public void AModelTypeInACompiledAssemblyExports()
    {
        using var dir = new TempFolder();
        string dll = dir.File("UserModels.dll");
        Compile(dll, """
            using System.Collections.Generic;
            using OnnxKit.Exporter;
            using OnnxKit.Exporter.Networks;
            namespace UserModels;
            public sealed class TinyNet : SubclassedModel
            {
                private readonly Layer hidden = Layers.Dense(8, Activation.Relu);
                private readonly Layer output = Layers.Dense(2, Activation.Softmax);
                public TinyNet() : base([4]) { }
                protected override IReadOnlyList<SymbolicTensor> Forward(IReadOnlyList<SymbolicTensor> inputs) => [output.Call(hidden.Call(inputs[0]))];
            }
            public static class Factory
            {
                public static Network Build() => new SequentialModel([Layers.Dense(3).WithInputShape(5)]);
            }
            """);
        var byType = InProcessCli.Run("export", "--assembly", dll, "--model", "UserModels.TinyNet", "-o", dir.File("tiny.onnx"));
        Assert.Equal(0, byType.ExitCode);
        Assert.Contains("(58 parameters", byType.Output);
        var byMethod = InProcessCli.Run("export", "--assembly", dll, "--model", "UserModels.Factory.Build", "-o", dir.File("f.onnx"));
        Assert.Equal(0, byMethod.ExitCode);
        Assert.Contains("(18 parameters", byMethod.Output);
        var missing = InProcessCli.Run("export", "--assembly", dll, "--model", "UserModels.Nope", "-o", dir.File("n.onnx"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("UserModels.TinyNet", missing.Error);
    }

    [Theory]
    [InlineData("export", "-o", "x.onnx")]
    [InlineData("export", "lenet5")]
    [InlineData("export", "no-such-model", "-o", "x.onnx")]
    [InlineData("export", "lenet5", "-o", "x.onnx", "--opset", "6")]
    [InlineData("export", "lenet5", "--script", "m.csx", "-o", "x.onnx")]
    [InlineData("export", "lenet5", "--model", "T", "-o", "x.onnx")]
    public void UsageMistakesExitWithTwo(params string[] args)
    {
        var result = InProcessCli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error);
    }

    [Fact]
    public void RunsAsAProcess()
    {
        using var dir = new TempFolder();
        var result = CliRunner.Run("export", "threshold-block", "--opset", "11", "-o", dir.File("t.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t.onnx"], dir.FileNames());
    }

    private static void Compile(string path, string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(path),
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithUsings("System", "System.Collections.Generic"));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }
}
