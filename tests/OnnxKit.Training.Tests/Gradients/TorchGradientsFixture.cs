using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Gradients;

/// <summary>
/// PyTorch's gradients for every <see cref="GradientCases"/> case, computed once per test run in
/// a single Python process: each case's float32 model and inputs are written to a temporary
/// folder and <c>torch_reference.py grads</c> differentiates L = Σ y ⊙ r with autograd.
/// </summary>
public sealed class TorchGradientsFixture : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Lazy<IReadOnlyDictionary<string, string?>> outcomes;

    public TorchGradientsFixture() => outcomes = new(Compute);

    /// <summary>PyTorch's gradients of case <paramref name="name"/>, by input name (and updated statistics as <c>name/next</c>).</summary>
    public IReadOnlyDictionary<string, ITensor> Gradients(string name)
    {
        string output = folder.File(name + ".out.npz");
        if (outcomes.Value.GetValueOrDefault(output) is { } error) throw new InvalidOperationException($"PyTorch failed on {name}: {error}");
        return NpzFile.Read(output);
    }

    private IReadOnlyDictionary<string, string?> Compute()
    {
        var manifest = new List<object>();
        foreach (var c in GradientCases.All)
        {
            string model = folder.File(c.Name + ".onnx"), inputs = folder.File(c.Name + ".in.npz");
            OnnxFile.Save(GradientHarness.Forward(c, DataType.Float), model);
            var values = GradientHarness.Values(c);
            var arrays = c.Inputs.Where(i => i.IsGraphInput)
                .Select(i => new KeyValuePair<string, ITensor>(i.Name, DenseTensor.FromFloats(values[i.Name].Select(v => (float)v).ToArray(), i.Dims)))
                .Append(new("__upstream__", DenseTensor.FromFloats(values["__upstream__"].Select(v => (float)v).ToArray(), GradientHarness.OutputDims(c))));
            NpzFile.Write(inputs, arrays);
            manifest.Add(new Dictionary<string, object> { ["model"] = model, ["inputs"] = inputs, ["output"] = folder.File(c.Name + ".out.npz"), ["train"] = c.Train });
        }
        return TorchReference.Run("grads", manifest, folder.Path);
    }

    public void Dispose() => folder.Dispose();
}
