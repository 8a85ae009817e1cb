using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests;

/// <summary>
/// Provider choice on the CPU build of ONNX Runtime (the one the package feed serves): an
/// explicit GPU provider is an error naming what is missing, never a silent fallback.
/// </summary>
public sealed class ExecutionProviderTests
{
    private static bool CpuBuild => !ExecutionProviders.IsBuiltIn(ExecutionProviderKind.Cuda);

    [Fact]
    public void The_cpu_provider_is_always_available()
    {
        Assert.Contains("CPUExecutionProvider", ExecutionProviders.Available());
        Assert.True(ExecutionProviders.IsBuiltIn(ExecutionProviderKind.Cpu));
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda, "CUDA runtime and cuDNN")]
    [InlineData(ExecutionProviderKind.TensorRT, "TensorRT (libnvinfer)")]
    public void An_explicit_gpu_provider_that_is_missing_is_an_error_naming_what_is_missing(ExecutionProviderKind provider, string libraries)
    {
        Assert.True(CpuBuild, "These tests describe the CPU build; a GPU build reports missing libraries instead.");
        var e = Assert.Throws<ProviderUnavailableException>(() =>
            OnnxSession.FromModel(RuntimeTestModels.AddOne(), new SessionSettings { Provider = provider }));
        Assert.Equal(provider, e.Provider);
        Assert.Contains("OnnxKit.Runtime.Gpu package", e.Message);
        Assert.Contains(libraries, e.Message);
        Assert.Contains("providers present: CPUExecutionProvider", e.Message);
    }

    [Fact]
    public void Auto_tries_tensorrt_then_cuda_then_takes_the_cpu_and_says_why()
    {
        Assert.Equal([ExecutionProviderKind.TensorRT, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu],
            ExecutionProviders.Candidates(ExecutionProviderKind.Auto));
        using var session = OnnxSession.FromModel(RuntimeTestModels.AddOne(), new SessionSettings { Provider = ExecutionProviderKind.Auto });
        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        Assert.Equal(2, session.ProviderNotes.Count);
        Assert.StartsWith("TensorrtExecutionProvider: not in this build", session.ProviderNotes[0]);
        Assert.StartsWith("CUDAExecutionProvider: not in this build", session.ProviderNotes[1]);
    }

    [Fact]
    public void Tensorrt_options_key_the_engine_cache_on_model_and_profiles()
    {
        using var folder = new TempFolder();
        var profile = new ShapeProfile("x", [1, 3, 224, 224], [8, 3, 224, 224], [32, 3, 224, 224]);
        var settings = new TensorRtSettings(Fp16: true, CacheDirectory: folder.Path, MaxWorkspaceBytes: 1L << 30, ShapeProfiles: [profile]);
        var options = settings.ToProviderOptions("ab12cd");
        Assert.Equal("1", options["trt_fp16_enable"]);
        Assert.Equal("x:1x3x224x224", options["trt_profile_min_shapes"]);
        Assert.Equal("x:8x3x224x224", options["trt_profile_opt_shapes"]);
        Assert.Equal("x:32x3x224x224", options["trt_profile_max_shapes"]);
        Assert.Equal("1073741824", options["trt_max_workspace_size"]);
        Assert.StartsWith(Path.Combine(folder.Path, "engines", "ab12cd-"), options["trt_engine_cache_path"]);
        Assert.True(Directory.Exists(options["trt_engine_cache_path"]));

        string otherProfile = (settings with { ShapeProfiles = [profile with { Max = [64, 3, 224, 224] }] }).EngineCacheFolder("ab12cd");
        string otherModel = settings.EngineCacheFolder("ef34");
        Assert.NotEqual(options["trt_engine_cache_path"], otherProfile);
        Assert.NotEqual(options["trt_engine_cache_path"], otherModel);

        var bad = new ShapeProfile("x", [4], [2], [8]);
        Assert.Throws<OnnxKitException>(() => (settings with { ShapeProfiles = [bad] }).ToProviderOptions("ab"));
    }

    [Fact]
    public void Cuda_options_use_onnx_runtime_names()
    {
        var options = new CudaSettings(DeviceId: 1, MemoryLimitBytes: 2048, ArenaGrowsByPowersOfTwo: false, ConvSearch: CudnnConvSearch.Heuristic).ToProviderOptions();
        Assert.Equal("1", options["device_id"]);
        Assert.Equal("2048", options["gpu_mem_limit"]);
        Assert.Equal("kSameAsRequested", options["arena_extend_strategy"]);
        Assert.Equal("HEURISTIC", options["cudnn_conv_algo_search"]);
    }
}
