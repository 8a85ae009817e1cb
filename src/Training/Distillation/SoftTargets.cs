using OnnxKit.Data;
using OnnxKit.Data.Preprocessing;

namespace OnnxKit.Training.Distillation;

/// <summary>
/// A teacher's soft targets (Hinton et al., 2015): q_i = exp(z_i/T) / Σ_j exp(z_j/T) over its
/// logits z at temperature T. An ensemble of teachers is averaged in logit space first.
/// </summary>
public static class SoftTargets
{
    /// <summary>
    /// The mean of the teachers' logits over every record of <paramref name="source"/>
    /// ([records × classes]); the teachers must agree on the number of classes.
    /// </summary>
    /// <exception cref="OnnxKitException">The teachers disagree on the classes, or no teacher is given.</exception>
    public static float[] MeanLogits(IReadOnlyList<ClassifierLogits> teachers, IDataSource source, PreprocessingOptions preprocessing, int batchSize = 256)
    {
        if (teachers.Count == 0) throw new OnnxKitException("Give at least one teacher.");
        var mismatched = teachers.FirstOrDefault(t => t.Classes != teachers[0].Classes);
        if (mismatched is not null)
            throw new OnnxKitException($"The teachers disagree on the classes: '{teachers[0].Name}' has {teachers[0].Classes}, '{mismatched.Name}' {mismatched.Classes}.");
        var sum = new double[0];
        foreach (var teacher in teachers)
        {
            var logits = teacher.Compute(source, preprocessing, batchSize);
            if (sum.Length == 0) sum = new double[logits.Length];
            for (int i = 0; i < logits.Length; i++) sum[i] += logits[i];
        }
        return sum.Select(v => (float)(v / teachers.Count)).ToArray();
    }

    /// <summary>Softmax of each row of <paramref name="logits"/> divided by <paramref name="temperature"/> (computed in double precision).</summary>
    public static float[] FromLogits(ReadOnlySpan<float> logits, long classes, double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), $"The temperature must be positive and finite; got {temperature}.");
        if (logits.Length % classes != 0) throw new ArgumentException($"{logits.Length} logits do not make rows of {classes}.", nameof(logits));
        var result = new float[logits.Length];
        int k = (int)classes;
        for (int row = 0; row < logits.Length / k; row++)
        {
            var z = logits.Slice(row * k, k);
            double max = double.NegativeInfinity;
            foreach (float v in z) max = Math.Max(max, v);
            double total = 0;
            for (int j = 0; j < k; j++) total += Math.Exp((z[j] - max) / temperature);
            for (int j = 0; j < k; j++) result[row * k + j] = (float)(Math.Exp((z[j] - max) / temperature) / total);
        }
        return result;
    }

    /// <summary>The top-1 class of each row of <paramref name="logits"/> (the first, on ties).</summary>
    public static int[] Predictions(ReadOnlySpan<float> logits, long classes)
    {
        int k = (int)classes;
        var predicted = new int[logits.Length / k];
        for (int row = 0; row < predicted.Length; row++)
        {
            var z = logits.Slice(row * k, k);
            int best = 0;
            for (int j = 1; j < k; j++)
            {
                if (z[j] > z[best]) best = j;
            }
            predicted[row] = best;
        }
        return predicted;
    }
}
