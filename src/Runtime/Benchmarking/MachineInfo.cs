using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace OnnxKit.Runtime.Benchmarking;

/// <summary>The machine and software a benchmark ran on, recorded with its results.</summary>
/// <param name="CpuModel">The processor's name.</param>
/// <param name="CpuFeatures">The vector instruction sets .NET detects (AVX2, AVX-512F, ...).</param>
/// <param name="LogicalCores">Logical processors available to the process.</param>
/// <param name="MemoryBytes">Physical memory available to the process.</param>
/// <param name="Os">Operating system.</param>
/// <param name="OnnxKitVersion">OnnxKit's version.</param>
/// <param name="OnnxRuntimeVersion">ONNX Runtime's version.</param>
/// <param name="DotnetVersion">The .NET runtime.</param>
/// <param name="AvailableProviders">Execution providers in this build of ONNX Runtime.</param>
public sealed record MachineInfo(string CpuModel, IReadOnlyList<string> CpuFeatures, int LogicalCores, long MemoryBytes, string Os,
    string OnnxKitVersion, string OnnxRuntimeVersion, string DotnetVersion, IReadOnlyList<string> AvailableProviders)
{
    /// <summary>Describes this machine.</summary>
    public static MachineInfo Collect() => new(
        ReadCpuModel(), DetectCpuFeatures(), Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        typeof(MachineInfo).Assembly.GetName().Version?.ToString() ?? "unknown",
        Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString(),
        RuntimeInformation.FrameworkDescription,
        ExecutionProviders.Available());

    private static string ReadCpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            foreach (string line in File.ReadLines(cpuinfo))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is int colon and > 0)
                    return line[(colon + 1)..].Trim();
            }
        }
        return $"{RuntimeInformation.ProcessArchitecture} processor";
    }

    private static IReadOnlyList<string> DetectCpuFeatures()
    {
        var features = new List<string>();
        void Add(bool supported, string name)
        {
            if (supported) features.Add(name);
        }
        Add(Sse42.IsSupported, "SSE4.2");
        Add(Avx.IsSupported, "AVX");
        Add(Avx2.IsSupported, "AVX2");
        Add(Fma.IsSupported, "FMA");
        Add(Avx512F.IsSupported, "AVX-512F");
        Add(Avx512BW.IsSupported, "AVX-512BW");
        Add(AvxVnni.IsSupported, "AVX-VNNI");
        Add(Avx10v1.IsSupported, "AVX10.1");
        Add(AdvSimd.IsSupported, "NEON");
        Add(Dp.IsSupported, "DotProd");
        return features;
    }
}
