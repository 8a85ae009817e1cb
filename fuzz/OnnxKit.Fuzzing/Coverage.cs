using System.Runtime.InteropServices;
using SharpFuzz;

namespace OnnxKit.Fuzzing;

/// <summary>
/// Edge coverage from SharpFuzz's instrumentation. <see cref="Instrument"/> rewrites copies of OnnxKit's
/// assemblies so that every branch records (previous, current) location pairs in a 64 KiB bitmap, as AFL
/// and libFuzzer do; the worker process loads those copies, and after each input <see cref="Collect"/>
/// counts the bitmap entries no earlier input reached. Inputs that reach new ones join the corpus.
/// SharpFuzz's own drivers need afl-fuzz or a libFuzzer bridge built with clang; reading the bitmap here
/// keeps the fuzzer a plain .NET program with its structure-aware mutator in charge.
/// </summary>
internal static unsafe class Coverage
{
    private const int MapSize = 1 << 16;
    private static readonly bool[] Seen = new bool[MapSize];

    /// <summary>The bitmap entries reached so far.</summary>
    public static int Edges { get; private set; }

    /// <summary>True when this process runs instrumented assemblies (the bitmap is live).</summary>
    public static bool Enabled { get; private set; }

    /// <summary>
    /// Copies the fuzzer's folder to <paramref name="target"/> (native libraries of this platform only) and
    /// instruments OnnxKit's assemblies there.
    /// </summary>
    public static void Instrument(string source, string target)
    {
        Directory.CreateDirectory(target);
        string platform = Path.Combine("runtimes", RuntimeInformation.RuntimeIdentifier) + Path.DirectorySeparatorChar;
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.Contains(Path.DirectorySeparatorChar) && !relative.StartsWith(platform, StringComparison.Ordinal)) continue;
            string copy = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
        foreach (string name in new[] { "OnnxKit.Core.dll", "OnnxKit.Reference.dll", "OnnxKit.Optimizer.dll" })
            Fuzzer.Instrument(Path.Combine(target, name), type => !type.StartsWith("OnnxKit.Serialization.Proto.", StringComparison.Ordinal), Options.Value);
    }

    /// <summary>Gives the instrumentation its bitmap; call before any instrumented code runs.</summary>
    public static void Start()
    {
        SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(MapSize);
        Enabled = true;
    }

    /// <summary>Counts the entries the last input reached for the first time, and clears the bitmap for the next.</summary>
    public static int Collect()
    {
        if (!Enabled) return 0;
        byte* map = SharpFuzz.Common.Trace.SharedMem;
        int fresh = 0;
        for (int i = 0; i < MapSize; i++)
        {
            if (map[i] != 0 && !Seen[i])
            {
                Seen[i] = true;
                fresh++;
            }
        }
        NativeMemory.Clear(map, MapSize);
        SharpFuzz.Common.Trace.PrevLocation = 0;
        Edges += fresh;
        return fresh;
    }
}
