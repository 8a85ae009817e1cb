namespace OnnxKit.Runtime;

/// <summary>How the CUDA provider picks a cuDNN convolution algorithm.</summary>
public enum CudnnConvSearch
{
    /// <summary>Benchmarks every algorithm on first use (slow start, fastest runs; ONNX Runtime's default).</summary>
    Exhaustive,
    /// <summary>Asks cuDNN's heuristics (quick start).</summary>
    Heuristic,
    /// <summary>cuDNN's default algorithm (reproducible, usually slower).</summary>
    Default,
}
