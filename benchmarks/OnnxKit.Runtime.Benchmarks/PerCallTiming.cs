using System.Diagnostics;

namespace OnnxKit.Runtime.Benchmarks;

/// <summary>
/// Times <see cref="SessionBinding.Run"/> the way benchmarks/native/ort_per_call.cpp times
/// ONNX Runtime's C API: same model, one intra-op thread, IOBinding over preallocated
/// buffers, 1000 warmup calls, then ROUNDS rounds of N calls; prints the best and median
/// round's mean time per call, and the managed bytes allocated during the timed calls.
/// </summary>
internal static class PerCallTiming
{
    public static int Run(string model, int calls, int rounds)
    {
        using var session = OnnxSession.Open(model, new SessionSettings { IntraOpThreads = 1, InterOpThreads = 1 });
        var shapes = session.Inputs.ToDictionary(s => s.Name, s => s.Shape!.ToSizes());
        using var binding = session.Bind(shapes);
        binding.Input<float>(0).Fill(1f);
        for (int i = 0; i < 1000; i++) binding.Run();

        var perCall = new double[rounds];
        long allocated = 0;
        for (int round = 0; round < rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++) binding.Run();
            long ticks = Stopwatch.GetTimestamp() - start;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            perCall[round] = ticks * 1e9 / Stopwatch.Frequency / calls;
        }
        Array.Sort(perCall);
        Console.WriteLine($"managed best_ns_per_call={perCall[0]:0.0} median_ns_per_call={perCall[rounds / 2]:0.0} managed_bytes_per_call={(double)allocated / ((long)calls * rounds):0.###}");
        return 0;
    }
}
