namespace OnnxKit.Cli.Demo;

/// <summary>The variants of the exported model that the demo compares with it.</summary>
internal static class DemoVariants
{
    /// <summary>Writes the variants beside <paramref name="exported"/> and returns their paths, in order.</summary>
    public static IReadOnlyList<string> Create(string exported, DemoSettings settings, Action<DemoStep> report) => [];
}
