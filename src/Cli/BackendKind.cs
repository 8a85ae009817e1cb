namespace OnnxKit.Cli;

/// <summary>The values of <c>--backend</c>: which engine runs a model.</summary>
internal enum BackendKind
{
    /// <summary>ONNX Runtime (<see cref="Runtime.OnnxSession"/>).</summary>
    Ort,

    /// <summary>OnnxKit's pure-C# reference evaluator.</summary>
    Reference,
}
