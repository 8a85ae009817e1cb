// The baseline of benchmarks/large-models.sh: ONNX Runtime's own offline optimizer, that is, a
// session created with an optimized-model path, which makes ONNX Runtime load the model, apply
// its graph optimizations (extended level, the highest whose result runs anywhere) and write the
// optimized model. Run it under /usr/bin/time to get its wall time and peak resident memory.
//
//   dotnet OrtOptimizerBaseline.dll MODEL OUTPUT
using Microsoft.ML.OnnxRuntime;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: OrtOptimizerBaseline MODEL OUTPUT");
    return 2;
}
using var options = new SessionOptions
{
    GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
    OptimizedModelFilePath = args[1],
};
using var session = new InferenceSession(args[0], options);
return 0;
