using OnnxKit.Ir;

namespace OnnxKit.Runtime.Gpu.Tests;

/// <summary>
/// OnnxKit.Runtime.Gpu (ONNX Runtime's GPU package) on a machine without a usable NVIDIA GPU or
/// its libraries, as CI and most developer machines are: the CUDA and TensorRT providers are in
/// the build, an explicit request for one fails naming what is missing, and Auto falls back to
/// the CPU saying why. On a machine with a working GPU these tests say so and do not pass as
/// if it were missing.
/// </summary>
public sealed class GpuProviderTests
{
    /// <summary>
    /// y = x + 1 for x: float[1,4]. Built here rather than taken from the shared test models: the projects
    /// holding those reference ONNX Runtime's CPU package, whose native library would replace the GPU one.
    /// </summary>
    private static Model AddOne()
    {
        var graph = new Graph("add_one");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(1, 4)));
        graph.Inputs.Add(x);
        var one = graph.AddInitializer("one", DenseTensor.FromFloats([1f], [], "one"));
        var add = new Node("", "Add", [x, one], ["y"]);
        add.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(1, 4));
        graph.Nodes.Add(add);
        graph.Outputs.Add(add.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 13)]);
    }

    private static void RequireNoGpu() =>
        Assert.True(GpuLibraries.Missing(ExecutionProviderKind.TensorRT) is { Count: > 0 },
            "These tests describe a machine without NVIDIA's libraries; this one has them all.");

    [Fact]
    public void The_gpu_build_has_the_cuda_and_tensorrt_providers()
    {
        var providers = ExecutionProviders.Available();
        Assert.Contains("CUDAExecutionProvider", providers);
        Assert.Contains("TensorrtExecutionProvider", providers);
        Assert.True(ExecutionProviders.IsBuiltIn(ExecutionProviderKind.Cuda));
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda, new[] { "the NVIDIA driver (libcuda.so.1)", "CUDA (libcublas", "libcudart.so.", "cuDNN (libcudnn.so." })]
    [InlineData(ExecutionProviderKind.TensorRT, new[] { "the NVIDIA driver (libcuda.so.1)", "CUDA (libcublas", "cuDNN (libcudnn.so.", "TensorRT (libnvinfer.so." })]
    public void An_explicit_gpu_provider_fails_naming_the_missing_libraries(ExecutionProviderKind provider, string[] named)
    {
        RequireNoGpu();
        var e = Assert.Throws<ProviderUnavailableException>(() => OnnxSession.FromModel(AddOne(), new SessionSettings { Provider = provider }));
        Assert.Equal(provider, e.Provider);
        Assert.Contains("is in this build of ONNX Runtime but could not be started", e.Message);
        foreach (string part in named) Assert.Contains(part, e.Message);
        if (provider == ExecutionProviderKind.Cuda) Assert.DoesNotContain("TensorRT", e.Message);
    }

    [Fact]
    public void Auto_falls_back_to_the_cpu_saying_why_and_runs()
    {
        RequireNoGpu();
        using var session = OnnxSession.FromModel(AddOne(), new SessionSettings { Provider = ExecutionProviderKind.Auto });
        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        Assert.Equal(2, session.ProviderNotes.Count);
        Assert.StartsWith("TensorrtExecutionProvider: ", session.ProviderNotes[0]);
        Assert.Contains("TensorRT (libnvinfer.so.", session.ProviderNotes[0]);
        Assert.StartsWith("CUDAExecutionProvider: ", session.ProviderNotes[1]);
        Assert.Contains("the NVIDIA driver (libcuda.so.1)", session.ProviderNotes[1]);

        var y = session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([1f, 2f, 3f, 4f], [1, 4]) })["y"];
        Assert.Equal([2f, 3f, 4f, 5f], y.ToArray<float>());
    }
}
