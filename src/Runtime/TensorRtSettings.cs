using System.Globalization;

namespace OnnxKit.Runtime;

/// <summary>Settings of the TensorRT execution provider.</summary>
/// <param name="DeviceId">The GPU to use.</param>
/// <param name="Fp16">Let TensorRT run layers in float16.</param>
/// <param name="Int8">Let TensorRT run layers in int8 (the model must carry quantization scales, e.g. Q/DQ nodes).</param>
/// <param name="CacheDirectory">
/// Where built engines and timing data are kept. Engines are cached in a subfolder keyed on
/// the model's content hash and the shape profiles, so a changed model or profile never
/// reuses a stale engine; the timing cache is shared by all models. Null: no caching.
/// </param>
/// <param name="MaxWorkspaceBytes">The most scratch memory TensorRT may use while building; null for its default.</param>
/// <param name="ShapeProfiles">Min/opt/max shapes for inputs with dynamic dims; empty to let TensorRT use the shapes it sees.</param>
public sealed record TensorRtSettings(
    int DeviceId = 0,
    bool Fp16 = false,
    bool Int8 = false,
    string? CacheDirectory = null,
    long? MaxWorkspaceBytes = null,
    IReadOnlyList<ShapeProfile>? ShapeProfiles = null)
{
    /// <summary>The provider options in ONNX Runtime's key/value form.</summary>
    /// <param name="modelHash">The hex content hash of the model, which keys the engine cache.</param>
    public Dictionary<string, string> ToProviderOptions(string modelHash)
    {
        var profiles = ShapeProfiles ?? [];
        foreach (var profile in profiles) profile.Validate();
        var options = new Dictionary<string, string>
        {
            ["device_id"] = DeviceId.ToString(CultureInfo.InvariantCulture),
            ["trt_fp16_enable"] = Fp16 ? "1" : "0",
            ["trt_int8_enable"] = Int8 ? "1" : "0",
        };
        if (MaxWorkspaceBytes is long workspace) options["trt_max_workspace_size"] = workspace.ToString(CultureInfo.InvariantCulture);
        if (profiles.Count > 0)
        {
            options["trt_profile_min_shapes"] = ShapeProfile.Format(profiles, p => p.Min);
            options["trt_profile_opt_shapes"] = ShapeProfile.Format(profiles, p => p.Opt);
            options["trt_profile_max_shapes"] = ShapeProfile.Format(profiles, p => p.Max);
        }
        if (CacheDirectory is not null)
        {
            string engines = EngineCacheFolder(modelHash);
            Directory.CreateDirectory(engines);
            Directory.CreateDirectory(Path.Combine(CacheDirectory, "timing"));
            options["trt_engine_cache_enable"] = "1";
            options["trt_engine_cache_path"] = engines;
            options["trt_timing_cache_enable"] = "1";
            options["trt_timing_cache_path"] = Path.Combine(CacheDirectory, "timing");
        }
        return options;
    }

    /// <summary>
    /// The engine folder for a model: <c>CacheDirectory/engines/&lt;model hash&gt;-&lt;settings hash&gt;</c>,
    /// where the settings hash covers the shape profiles and precision flags.
    /// </summary>
    public string EngineCacheFolder(string modelHash)
    {
        if (CacheDirectory is null) throw new InvalidOperationException("No TensorRT cache directory is set.");
        var profiles = ShapeProfiles ?? [];
        string key = $"fp16={Fp16};int8={Int8};min={ShapeProfile.Format(profiles, p => p.Min)};opt={ShapeProfile.Format(profiles, p => p.Opt)};max={ShapeProfile.Format(profiles, p => p.Max)}";
        string settingsHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(CacheDirectory, "engines", $"{modelHash[..Math.Min(32, modelHash.Length)]}-{settingsHash}");
    }
}
