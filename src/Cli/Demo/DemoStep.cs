namespace OnnxKit.Cli.Demo;

/// <summary>One finished step of the demo: its name, what it did, and the file it wrote (if any).</summary>
internal sealed record DemoStep(string Name, string Summary, string? Output);
