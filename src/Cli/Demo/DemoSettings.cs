namespace OnnxKit.Cli.Demo;

/// <summary>What the demo runs on and where it writes; <paramref name="Cancellation"/> (Ctrl+C) stops every step.</summary>
internal sealed record DemoSettings(string Model, int Opset, string OutputDirectory, int Iterations, int Seed, CancellationToken Cancellation = default);
