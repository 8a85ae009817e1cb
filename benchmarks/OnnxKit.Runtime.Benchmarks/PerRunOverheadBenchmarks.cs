using BenchmarkDotNet.Attributes;
using OnnxKit.Ir;
using OnnxKit.Runtime.Tests.TestSupport;

namespace OnnxKit.Runtime.Benchmarks;

/// <summary>
/// Per-run cost on the tiniest model (y = x + 1, four floats), where ONNX Runtime's own work
/// is negligible and what remains is the cost of calling it: the allocation-free bound path
/// against the convenient dictionary-in, dictionary-out path. MemoryDiagnoser's Allocated
/// column is the proof that steady-state bound runs allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class PerRunOverheadBenchmarks
{
    private OnnxSession session = null!;
    private SessionBinding binding = null!;
    private Dictionary<string, ITensor> inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        session = OnnxSession.FromModel(RuntimeTestModels.AddOne(), new SessionSettings { IntraOpThreads = 1, InterOpThreads = 1 });
        binding = session.Bind(new Dictionary<string, long[]> { ["x"] = [1, 4] });
        binding.Input<float>(0).Fill(1f);
        binding.Run();
        inputs = new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([1, 2, 3, 4], [1, 4]) };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        binding.Dispose();
        session.Dispose();
    }

    /// <summary>Write nothing, run, read nothing: the pure per-call cost.</summary>
    [Benchmark(Baseline = true)]
    public void BoundRun() => binding.Run();

    /// <summary>The convenience API: validates, pins, runs, copies outputs into new tensors.</summary>
    [Benchmark]
    public IReadOnlyDictionary<string, ITensor> DictionaryRun() => session.Run(inputs);
}
