using BenchmarkDotNet.Running;
using OnnxKit.Runtime.Benchmarks;

// Modes:
//   write-models DIR          write add_one.onnx and small_cnn.onnx (built with the IR) into DIR
//   per-call MODEL N ROUNDS   time SessionBinding.Run as the native program times its calls
//   batching MODEL SECONDS [MAX_WAIT_MS] [MAX_BATCH]  32 concurrent callers: unbatched session calls vs the batching engine
//   (anything else)           BenchmarkDotNet (e.g. --filter '*PerRun*'), with MemoryDiagnoser
return args.FirstOrDefault() switch
{
    "write-models" => ModelFiles.Write(args[1]),
    "per-call" => PerCallTiming.Run(args[1], int.Parse(args[2]), int.Parse(args[3])),
    "batching" => BatchingBenchmark.Run(args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
        args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 32),
    _ => Bdn(args),
};

static int Bdn(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PerRunOverheadBenchmarks).Assembly).Run(args);
    return 0;
}
