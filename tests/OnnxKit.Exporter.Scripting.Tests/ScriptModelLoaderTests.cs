namespace OnnxKit.Exporter.Scripting.Tests;

public sealed class ScriptModelLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("onnxkit-scripts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string code)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public void AScriptCanLoadABlockFromAnotherScript()
    {
        Write("blocks.csx", """
            SymbolicTensor ConvBlock(SymbolicTensor x, int filters) =>
                Layers.MaxPooling2D().Call(Layers.Conv2D(filters, 3, padding: Padding.Same, activation: Activation.Relu).Call(x));
            """);
        string model = Write("model.csx", """
            #load "blocks.csx"
            var input = Layers.Input(3, 32, 32);
            var x = ConvBlock(ConvBlock(input, 16), 32);
            new FunctionalModel(input, Layers.Dense(10, Activation.Softmax).Call(Layers.GlobalAveragePooling2D().Call(x)))
            """);
        var network = ScriptModelLoader.Load(model);
        Assert.Equal(448 + 4_640 + 330, network.ParameterCount);
        Assert.Equal("conv2d", network.Sublayers[1].Name);
    }

    [Fact]
    public void AScriptMayUseTheZoo()
    {
        var network = ScriptModelLoader.Load(Write("zoo.csx", "ModelZoo.Create(\"lenet5\")"));
        Assert.Equal(61_706, network.ParameterCount);
    }

    [Theory]
    [InlineData("Layers.Dense(4, \"rleu\")", "CS1503")]
    [InlineData("Layers.Dense(4, Activation.Rleu)", "CS0117")]
    public void AMisspeltActivationDoesNotCompile(string layer, string diagnostic)
    {
        string script = Write("typo.csx", $"var input = Layers.Input(3);\nnew FunctionalModel(input, {layer}.Call(input))");
        var error = Assert.Throws<OnnxKitException>(() => ScriptModelLoader.Load(script));
        Assert.Contains("does not compile", error.Message);
        Assert.Contains($"typo.csx(2,", error.Message);
        Assert.Contains(diagnostic, error.Message);
    }

    [Fact]
    public void AScriptThatIsNotAModelIsRefused()
    {
        var error = Assert.Throws<OnnxKitException>(() => ScriptModelLoader.Load(Write("number.csx", "1 + 1")));
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public void AnExceptionInTheScriptIsReported()
    {
        var error = Assert.Throws<OnnxKitException>(() => ScriptModelLoader.Load(Write("throws.csx", "throw new InvalidOperationException(\"broken on purpose\");")));
        Assert.Contains("broken on purpose", error.Message);
    }

    [Fact]
    public void AMissingScriptIsReported() =>
        Assert.Contains("missing.csx", Assert.Throws<OnnxKitException>(() => ScriptModelLoader.Load(Path.Combine(folder, "missing.csx"))).Message);
}
