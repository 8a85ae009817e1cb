using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Evaluation.Tests.TestSupport;

/// <summary>A stand-in model whose output "scores" is its input "x" with each column multiplied by a weight, so tests know every score.</summary>
internal sealed class ScoringBackend(string name, params float[] weights) : IModelBackend
{
    public string Name => name;

    public IReadOnlyList<TensorSpec> Inputs { get; } = [new("x", DataType.Float, new Shape(Dim.Named("N"), Dim.Of(weights.Length)))];

    public IReadOnlyList<TensorSpec> Outputs { get; } = [new("scores", DataType.Float, new Shape(Dim.Named("N"), Dim.Of(weights.Length)))];

    public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
    {
        var x = inputs["x"].ToArray<float>();
        for (int i = 0; i < x.Length; i++) x[i] *= weights[i % weights.Length];
        return new Dictionary<string, ITensor> { ["scores"] = DenseTensor.FromFloats(x, inputs["x"].Dims.ToArray(), "scores") };
    }

    public void Dispose()
    {
    }
}
