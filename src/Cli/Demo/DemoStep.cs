namespace OnnxKit.Cli.Demo;

/// <summary>One finished (or skipped) step of the demo: its name, what it did or why it was skipped, and the file it wrote (if any).</summary>
internal sealed record DemoStep(string Name, string Summary, string? Output, bool Skipped = false);
