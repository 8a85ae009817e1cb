using BenchmarkDotNet.Attributes;
using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Runtime.Benchmarks;

/// <summary>
/// What <see cref="OnnxSession.Run"/> pays to hand ONNX Runtime 64-byte-aligned input data: an
/// image-sized input (1×3×224×224 floats) through a model that only sums it, fed once from an
/// aligned buffer (pinned in place) and once from the same data one float off alignment (copied into
/// memory ONNX Runtime allocates). The ratio is the copy's cost on a model that does almost no work.
/// </summary>
[MemoryDiagnoser]
public class InputHandOverBenchmarks
{
    private const int Elements = 3 * 224 * 224;
    private OnnxSession session = null!;
    private Dictionary<string, ITensor> aligned = null!;
    private Dictionary<string, ITensor> unaligned = null!;

    [GlobalSetup]
    public unsafe void Setup()
    {
        var graph = new Graph("sum");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(1, 3, 224, 224)));
        graph.Inputs.Add(x);
        var node = new Node("", "ReduceSum", [x], ["y"], [Attribute.Int("keepdims", 0)]);
        graph.Nodes.Add(node);
        node.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of());
        graph.Outputs.Add(node.Outputs[0]);
        session = OnnxSession.FromModel(new Model(graph, 8, [new OpsetImport("", 13)]), new SessionSettings { IntraOpThreads = 1, InterOpThreads = 1 });

        var backing = GC.AllocateArray<byte>(Elements * 4 + 128, pinned: true);
        int start;
        fixed (byte* pointer = backing) start = (int)((64 - (nint)pointer % 64) % 64);
        var random = new Random(1);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(backing.AsSpan(start, Elements * 4 + 4));
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        aligned = Input(backing.AsMemory(start, Elements * 4));
        unaligned = Input(backing.AsMemory(start + 4, Elements * 4));
    }

    [GlobalCleanup]
    public void Cleanup() => session.Dispose();

    /// <summary>Data 64-byte aligned: pinned and passed in place.</summary>
    [Benchmark(Baseline = true)]
    public IReadOnlyDictionary<string, ITensor> AlignedInput() => session.Run(aligned);

    /// <summary>Data off alignment: copied into memory ONNX Runtime allocates first.</summary>
    [Benchmark]
    public IReadOnlyDictionary<string, ITensor> UnalignedInput() => session.Run(unaligned);

    private static Dictionary<string, ITensor> Input(ReadOnlyMemory<byte> data) =>
        new() { ["x"] = new DenseTensor(DataType.Float, [1, 3, 224, 224], data) };
}
