namespace OnnxKit.Ir;

/// <summary>
/// Training-time graphs of a model: one run once to initialize state, one run per
/// training step, and bindings of their outputs to the model's initializers.
/// </summary>
public sealed class TrainingInfo
{
    /// <summary>The initialization graph.</summary>
    public Graph? Initialization { get; set; }

    /// <summary>The training-step graph.</summary>
    public Graph? Algorithm { get; set; }

    /// <summary>Initializer name to initialization-graph output name.</summary>
    public List<KeyValuePair<string, string>> InitializationBinding { get; } = [];

    /// <summary>Initializer name to algorithm-graph output name.</summary>
    public List<KeyValuePair<string, string>> UpdateBinding { get; } = [];
}
