using OnnxKit.Execution;
using OnnxKit.Security;
using OnnxKit.Serialization;

namespace OnnxKit.Runtime.Running;

/// <summary>What <c>onnxkit run</c> asks for: where inputs come from and where outputs go.</summary>
public sealed record RunRequest
{
    /// <summary><c>NAME=FILE</c> (.npy or .pb), <c>NAME=VALUES</c> literals or <c>FILE.npz</c> arguments (see <see cref="InputArguments"/>); inputs not given are generated at random.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The model's name, for messages about its inputs.</summary>
    public string ModelName { get; init; } = "model";

    /// <summary>The folder to write each output into (created if missing); null to write nothing.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The format of written outputs.</summary>
    public TensorFileFormat OutputFormat { get; init; } = TensorFileFormat.Npy;

    /// <summary>Shapes for generated inputs (<c>--shape</c>).</summary>
    public ShapeOverrides Shapes { get; init; } = ShapeOverrides.None;

    /// <summary>The seed of generated inputs.</summary>
    public int Seed { get; init; }

    /// <summary>How many top classes to list for class-score outputs.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>The tensor budget for inputs read from files or generated (<see cref="ResourceLimits.MaxTensorBytes"/>).</summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.Default;
}
