using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Evaluation.Tests.TestSupport;

/// <summary>Seeded labelled data in a .npz: rows of class probabilities that favour the true class, so a model scoring them is good but not perfect.</summary>
internal static class SyntheticData
{
    public static IDataSourceFile Write(string path, int examples, int classes, int seed = 11)
    {
        var random = new Random(seed);
        var x = new float[examples * classes];
        var y = new long[examples];
        for (int i = 0; i < examples; i++)
        {
            y[i] = random.Next(classes);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += x[i * classes + k] = (float)(random.NextDouble() + (k == y[i] ? 0.8 : 0));
            for (int k = 0; k < classes; k++) x[i * classes + k] /= (float)sum;
        }
        NpzFile.Write(path, [new("x", DenseTensor.FromFloats(x, [examples, classes])), new("y", DenseTensor.FromInt64s(y, [examples]))]);
        return new IDataSourceFile(path, x, y);
    }

    /// <summary>The written file and its contents.</summary>
    public sealed record IDataSourceFile(string Path, float[] Scores, long[] Labels);
}
