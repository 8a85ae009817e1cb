using System.Runtime.InteropServices;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace OnnxKit.Runtime;

/// <summary>
/// Names the NVIDIA libraries that ONNX Runtime's CUDA or TensorRT provider needs and this
/// machine cannot load. ONNX Runtime itself only reports "Failed to load shared library"; the
/// list here is read from the provider libraries' own dependency entries (ELF <c>DT_NEEDED</c>),
/// so it follows whichever CUDA, cuDNN and TensorRT versions the runtime package was built against.
/// </summary>
internal static class GpuLibraries
{
    private const string CudaProvider = "libonnxruntime_providers_cuda.so";
    private const string TensorRtProvider = "libonnxruntime_providers_tensorrt.so";

    /// <summary>
    /// What is missing for <paramref name="provider"/>, grouped as "the NVIDIA driver (libcuda.so.1)",
    /// "CUDA (libcudart.so.13, ...)", "cuDNN (...)", "TensorRT (...)"; empty when every library
    /// loads, null when it cannot tell (not Linux, or the provider libraries were not found).
    /// </summary>
    public static IReadOnlyList<string>? Missing(ExecutionProviderKind provider)
    {
        if (!OperatingSystem.IsLinux() || NativeFolder() is not { } folder) return null;
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        // The TensorRT provider's list also names the cuDNN the package was built against; the CUDA
        // provider opens cuDNN at run time, so both lists are read and TensorRT's own libraries
        // are kept only when TensorRT was asked for.
        foreach (string library in new[] { CudaProvider, TensorRtProvider })
        {
            string path = Path.Combine(folder, library);
            if (!File.Exists(path)) return null;
            needed.UnionWith(Needed(path));
        }
        var missing = needed
            .Select(name => (Name: name, Component: Component(name)))
            .Where(library => library.Component is not null && (provider == ExecutionProviderKind.TensorRT || library.Component != "TensorRT"))
            .Where(library => !CanLoad(library.Name))
            .GroupBy(library => library.Component!)
            .OrderBy(group => Array.IndexOf(Components, group.Key))
            .Select(group => group.Key == Driver
                ? $"{Driver} ({string.Join(", ", group.Select(l => l.Name))})"
                : $"{group.Key} ({string.Join(", ", group.Select(l => l.Name))})");
        return missing.ToArray();
    }

    private const string Driver = "the NVIDIA driver";
    private static readonly string[] Components = [Driver, "CUDA", "cuDNN", "TensorRT"];

    /// <summary>The NVIDIA component a library belongs to; null for system libraries (libc, libstdc++, ...).</summary>
    private static string? Component(string library) => library switch
    {
        _ when library.StartsWith("libcuda.", StringComparison.Ordinal) => Driver,
        _ when library.StartsWith("libcudnn", StringComparison.Ordinal) => "cuDNN",
        _ when library.StartsWith("libnvinfer", StringComparison.Ordinal) || library.StartsWith("libnvonnxparser", StringComparison.Ordinal) => "TensorRT",
        _ when library.StartsWith("libcu", StringComparison.Ordinal) || library.StartsWith("libnv", StringComparison.Ordinal) => "CUDA",
        _ => null,
    };

    private static bool CanLoad(string library)
    {
        if (!NativeLibrary.TryLoad(library, out nint handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>The libraries an ELF shared object names as its dependencies.</summary>
    private static IEnumerable<string> Needed(string path)
    {
        if (!ELFReader.TryLoad(path, out IELF? elf)) return [];
        using (elf)
        {
            var strings = elf.Sections.OfType<IStringTable>().FirstOrDefault(s => ((ISection)s).Name == ".dynstr");
            var dynamic = elf.Sections.OfType<DynamicSection<ulong>>().FirstOrDefault();
            if (strings is null || dynamic is null) return [];
            return dynamic.Entries.OfType<DynamicEntry<ulong>>()
                .Where(entry => entry.Tag == DynamicTag.Needed)
                .Select(entry => strings[(long)entry.Value])
                .ToArray();
        }
    }

    /// <summary>The folder ONNX Runtime's native library was loaded from (read from /proc/self/maps).</summary>
    private static string? NativeFolder()
    {
        const string maps = "/proc/self/maps";
        _ = Microsoft.ML.OnnxRuntime.OrtEnv.Instance(); // loads the library if nothing has yet
        if (!File.Exists(maps)) return null;
        foreach (string line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith("/libonnxruntime.so", StringComparison.Ordinal)) return Path.GetDirectoryName(line[slash..]);
        }
        return null;
    }
}
