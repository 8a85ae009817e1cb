namespace OnnxKit.Runtime;

/// <summary>How much ONNX Runtime rewrites the graph when a session is created.</summary>
public enum OptimizationLevel
{
    /// <summary>No graph optimizations.</summary>
    None,
    /// <summary>Semantics-preserving rewrites such as constant folding and redundant-node removal.</summary>
    Basic,
    /// <summary>Basic plus fusions that may use ONNX Runtime's own operators.</summary>
    Extended,
    /// <summary>Everything, including layout changes (the default).</summary>
    All,
}
