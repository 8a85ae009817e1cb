using OnnxKit.Exporter.Initialization;

namespace OnnxKit.Training.Tests.TestSupport;

/// <summary>Small learnable data sets for fast tests: images whose class brightens one band of rows.</summary>
public static class SyntheticData
{
    /// <summary>
    /// <paramref name="count"/> examples of shape <paramref name="dims"/>: uniform noise in [0, 1)
    /// plus 1 on the class's band (class c owns the c-th of <paramref name="classes"/> equal runs
    /// of the flattened example, i.e. a band of rows of an image); labels cycle through the classes.
    /// </summary>
    public static TrainingSet Images(int count, long[] dims, int classes = 3, ulong seed = 1)
    {
        int size = (int)dims.Aggregate(1L, (a, b) => a * b);
        var random = new SeededRandom(seed);
        var inputs = new float[count * size];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            for (int j = 0; j < size; j++) inputs[i * size + j] = (float)random.NextDouble() + ((long)j * classes / size == labels[i] ? 1f : 0f);
        }
        return TrainingSet.FromArrays(inputs, dims, labels, "synthetic");
    }
}
