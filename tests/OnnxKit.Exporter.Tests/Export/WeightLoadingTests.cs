using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Tests.TestSupport;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Exporter.Tests.Export;

public sealed class WeightLoadingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("onnxkit-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void KerasConvolutionKernelsAreTransposedToOnnxOrder()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(2, 5, 5);
        var conv = Layers.Conv2D(3, (3, 2));
        var model = new FunctionalModel(input, conv.Call(input));
        // Keras stores the kernel [kh, kw, in, out]; element (ky, kx, c, f) gets a distinct value.
        var keras = new float[3 * 2 * 2 * 3];
        for (int i = 0; i < keras.Length; i++) keras[i] = i * 0.01f - 0.2f;
        NpzFile.Write(Path.Combine(folder, "w.npz"), [
            new("conv2d/kernel:0", DenseTensor.FromFloats(keras, [3, 2, 2, 3])),
            new("conv2d/bias:0", DenseTensor.FromFloats([0.5f, -0.5f, 1f], [3])),
        ]);
        var result = model.LoadWeights(Path.Combine(folder, "w.npz"), WeightLayout.Keras);
        Assert.Equal(["conv2d/kernel", "conv2d/bias"], result.Loaded);
        Assert.Empty(result.NotLoaded);

        var onnxKernel = conv.Kernel.ToFloats();
        for (int f = 0; f < 3; f++)
        for (int c = 0; c < 2; c++)
        for (int ky = 0; ky < 3; ky++)
        for (int kx = 0; kx < 2; kx++)
            Assert.Equal(keras[((ky * 2 + kx) * 2 + c) * 3 + f], onnxKernel[((f * 2 + c) * 3 + ky) * 2 + kx]);

        var x = OrtRunner.RandomData(50, 1);
        var (expected, _, _) = NaiveOps.Conv2D(x, 1, 2, 5, 5, onnxKernel, [0.5f, -0.5f, 1f], 3, 3, 2, 1, 1, 0, 0, 3, 4);
        NumericAssert.Close(expected, OrtRunner.Run(model.ToOnnx(), (x, [1, 2, 5, 5]))[0]);
    }

    [Fact]
    public void DepthwiseKerasKernelsBecomeGroupedKernels()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(2, 4, 4);
        var layer = Layers.DepthwiseConv2D(3, depthMultiplier: 2, useBias: false);
        var model = new FunctionalModel(input, layer.Call(input));
        var keras = Enumerable.Range(0, 3 * 3 * 2 * 2).Select(i => (float)i).ToArray();   // [kh, kw, in, multiplier]
        NpzFile.Write(Path.Combine(folder, "d.npz"), [new("depthwise_conv2d/depthwise_kernel", DenseTensor.FromFloats(keras, [3, 3, 2, 2]))]);
        model.LoadWeights(Path.Combine(folder, "d.npz"), WeightLayout.Keras);
        var onnx = layer.DepthwiseKernel.ToFloats();                          // [in·multiplier, 1, kh, kw]
        for (int c = 0; c < 2; c++)
        for (int m = 0; m < 2; m++)
        for (int k = 0; k < 9; k++)
            Assert.Equal(keras[(k * 2 + c) * 2 + m], onnx[(c * 2 + m) * 9 + k]);
    }

    /// <summary>x (3) → Dense 2, named <c>dense</c> in a fresh naming scope.</summary>
    private static (FunctionalModel Model, Dense Dense) DenseModel()
    {
        var input = Layers.Input(3);
        var dense = Layers.Dense(2);
        return (new FunctionalModel(input, dense.Call(input)), dense);
    }

    [Fact]
    public void AFolderOfNpyFilesLoadsByLayerAndWeight()
    {
        using var scope = LayerNames.NewScope();
        var (model, dense) = DenseModel();
        Directory.CreateDirectory(Path.Combine(folder, "dense"));
        NpyFile.Write(Path.Combine(folder, "dense", "kernel.npy"), DenseTensor.FromFloats([1, 2, 3, 4, 5, 6], [3, 2]));
        var result = model.LoadWeights(folder);
        Assert.Equal(["dense/kernel"], result.Loaded);
        Assert.Equal(["dense/bias"], result.NotLoaded);
        Assert.Equal([1f, 2, 3, 4, 5, 6], dense.Kernel.ToFloats());
    }

    /// <summary>
    /// The initializers of the exported graph are named like the weights: values changed on the
    /// exported graph (as training would) go back into the DSL model by name, and export again.
    /// </summary>
    [Fact]
    public void ValuesOfTheExportedGraphAssignBackByName()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(3);
        var dense = Layers.Dense(2);
        var model = new FunctionalModel(input, Layers.BatchNormalization().Call(dense.Call(input)));
        var trained = model.ToOnnx(new ExportOptions { Seed = 4 }).Graph.Initializers
            .ToDictionary(v => v.Name, v => (ITensor)DenseTensor.FromFloats(v.ConstValue!.ToArray<float>().Select(w => w * 2 + 1).ToArray(), [.. v.ConstValue!.Dims]));
        Assert.Equal(model.Weights.Select(w => w.FullName).Order(StringComparer.Ordinal), trained.Keys.Order(StringComparer.Ordinal));

        var result = model.AssignWeights(trained);

        Assert.Empty(result.NotLoaded);
        Assert.Equal(trained["dense/kernel"].ToArray<float>(), dense.Kernel.ToFloats());
        foreach (var initializer in model.ToOnnx(new ExportOptions { Seed = 99 }).Graph.Initializers)
            Assert.Equal(trained[initializer.Name].ToArray<float>(), initializer.ConstValue!.ToArray<float>());
    }

    [Fact]
    public void AssigningAnUnknownNameChangesNothing()
    {
        using var scope = LayerNames.NewScope();
        var (model, dense) = DenseModel();
        var error = Assert.Throws<OnnxKitException>(() => model.AssignWeights(new Dictionary<string, ITensor>
        {
            ["dense/kernel"] = DenseTensor.FromFloats([1, 2, 3, 4, 5, 6], [3, 2]),
            ["dense/kernal"] = DenseTensor.FromFloats([1, 2], [2]),
        }));
        Assert.Contains("dense/kernal", error.Message);
        Assert.False(dense.Kernel.HasAssignedValue);
    }

    [Fact]
    public void AWrongShapeChangesNothing()
    {
        using var scope = LayerNames.NewScope();
        var (model, dense) = DenseModel();
        NpzFile.Write(Path.Combine(folder, "bad.npz"), [
            new("dense/bias", DenseTensor.FromFloats([7, 7], [2])),
            new("dense/kernel", DenseTensor.FromFloats([1, 2, 3, 4, 5, 6], [2, 3])),
        ]);
        var error = Assert.Throws<OnnxKitException>(() => model.LoadWeights(Path.Combine(folder, "bad.npz")));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[3, 2]", error.Message);
        Assert.False(dense.Bias!.HasAssignedValue);
    }
}
