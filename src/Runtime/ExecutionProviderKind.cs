namespace OnnxKit.Runtime;

/// <summary>Which ONNX Runtime execution provider runs a session.</summary>
public enum ExecutionProviderKind
{
    /// <summary>The fastest one present: TensorRT, then CUDA, then CPU.</summary>
    Auto,
    /// <summary>ONNX Runtime's default CPU kernels.</summary>
    Cpu,
    /// <summary>NVIDIA CUDA (needs the GPU package, CUDA and cuDNN).</summary>
    Cuda,
    /// <summary>NVIDIA TensorRT, with CUDA for the nodes TensorRT does not take (needs the GPU package, CUDA, cuDNN and TensorRT).</summary>
    TensorRT,
}
