namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>Browser tests run one at a time: each starts a Chromium, and the machine has few cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Browser";
}
