namespace OnnxKit.Runtime;

/// <summary>Whether independent branches of the graph run one after another or at the same time.</summary>
public enum GraphExecutionMode
{
    /// <summary>One node at a time; each node may still use several threads (the default).</summary>
    Sequential,
    /// <summary>Independent nodes run concurrently on the inter-op thread pool.</summary>
    Parallel,
}
