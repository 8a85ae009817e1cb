using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Text;

/// <summary>
/// TfIdfVectorizer: counts the pool's n-grams (with skips) in each row of integers or strings and
/// weighs the counts as TF, IDF or TFIDF. Unigrams are counted once, whatever the skip.
/// </summary>
internal static class TfIdfKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("TfIdfVectorizer", 9, 9, TfIdfVectorizer);

    private static void TfIdfVectorizer(OpContext c)
    {
        var x = c.Input(0);
        int minGram = (int)c.Required("min_gram_length").AsInt(), maxGram = (int)c.Required("max_gram_length").AsInt();
        int maxSkip = (int)c.Required("max_skip_count").AsInt();
        string mode = c.Required("mode").AsString();
        var starts = c.Required("ngram_counts").AsInts();
        var indexes = c.Required("ngram_indexes").AsInts();
        var weights = c.Floats("weights");
        string[] pool = c.Strings("pool_strings") ?? c.Ints("pool_int64s")?.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray()
            ?? throw new OnnxKitException("TfIdfVectorizer needs pool_strings or pool_int64s.");
        var ngramIndex = new Dictionary<string, int>();
        int k = 0;
        for (int n = 1; n <= starts.Count; n++)
        {
            long from = starts[n - 1], to = n < starts.Count ? starts[n] : pool.Length;
            for (long at = from; at + n <= to; at += n) ngramIndex[string.Join('\u0001', pool[(int)at..(int)(at + n)])] = (int)indexes[k++];
        }
        int outputSize = indexes.Count == 0 ? 0 : (int)indexes.Max() + 1;
        string[] tokens = x.ElementType == DataType.String ? x.Array<string>() : ElementConverter.ToInt64s(x).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        int rows = x.Rank == 2 ? x.Dims[0] : 1, width = x.Rank == 2 ? x.Dims[1] : tokens.Length;
        var counts = new double[rows * outputSize];
        for (int row = 0; row < rows; row++)
        {
            int smallest = minGram;
            for (int distance = 1; distance <= maxSkip + 1; distance++)
            {
                for (int start = 0; start + distance * (smallest - 1) < width; start++)
                {
                    var key = new List<string>();
                    for (int size = 1, item = start; size <= maxGram && item < width; size++, item += distance)
                    {
                        key.Add(tokens[row * width + item]);
                        if (size >= smallest && ngramIndex.TryGetValue(string.Join('\u0001', key), out int column)) counts[row * outputSize + column]++;
                    }
                }
                if (smallest == 1) smallest = 2;
                if (smallest > maxGram) break;
            }
        }
        var result = counts.Select((count, p) => mode switch
        {
            "TF" => count,
            "IDF" => count > 0 ? weights?[p % outputSize] ?? 1 : 0,
            "TFIDF" => count * (weights?[p % outputSize] ?? 1),
            _ => throw new OnnxKitException($"mode '{mode}' is not one of TF, IDF, TFIDF."),
        }).Select(v => (float)v).ToArray();
        int[] dims = x.Rank == 2 ? [rows, outputSize] : [outputSize];
        c.SetOutput(0, new TensorValue(DataType.Float, dims, result));
    }
}
