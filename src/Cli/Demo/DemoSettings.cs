namespace OnnxKit.Cli.Demo;

/// <summary>What the demo runs on and where it writes.</summary>
internal sealed record DemoSettings(string Model, int Opset, string OutputDirectory, int Iterations, int Seed);
