namespace OnnxKit.Runtime;

/// <summary>Settings of the CUDA execution provider.</summary>
/// <param name="DeviceId">The GPU to use.</param>
/// <param name="MemoryLimitBytes">The most the provider's memory arena may hold; null for no limit.</param>
/// <param name="ArenaGrowsByPowersOfTwo">True (the default) to grow the arena in doubling steps; false to grow by exactly what is requested.</param>
/// <param name="ConvSearch">How cuDNN convolution algorithms are chosen.</param>
public sealed record CudaSettings(
    int DeviceId = 0,
    long? MemoryLimitBytes = null,
    bool ArenaGrowsByPowersOfTwo = true,
    CudnnConvSearch ConvSearch = CudnnConvSearch.Exhaustive)
{
    /// <summary>The provider options in ONNX Runtime's key/value form.</summary>
    public Dictionary<string, string> ToProviderOptions()
    {
        var options = new Dictionary<string, string>
        {
            ["device_id"] = DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["arena_extend_strategy"] = ArenaGrowsByPowersOfTwo ? "kNextPowerOfTwo" : "kSameAsRequested",
            ["cudnn_conv_algo_search"] = ConvSearch switch
            {
                CudnnConvSearch.Heuristic => "HEURISTIC",
                CudnnConvSearch.Default => "DEFAULT",
                _ => "EXHAUSTIVE",
            },
        };
        if (MemoryLimitBytes is long limit) options["gpu_mem_limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return options;
    }
}
