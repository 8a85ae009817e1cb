using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Ml;

/// <summary>Operators of the ai.onnx.ml domain: Binarizer, ArrayFeatureExtractor, LabelEncoder and TreeEnsemble.</summary>
internal static class MlKernels
{
    private const string Domain = "ai.onnx.ml";

    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add(Domain, "Binarizer", 1, 1, Binarizer, computesInFloat32: true);
        r.Add(Domain, "ArrayFeatureExtractor", 1, 1, ArrayFeatureExtractor);
        r.Add(Domain, "LabelEncoder", 2, 4, LabelEncoder);
        r.Add(Domain, "TreeEnsemble", 5, 5, TreeEnsemble, computesInFloat32: true);
    }

    private static void Binarizer(OpContext c)
    {
        var x = c.Input(0);
        double threshold = c.Float("threshold", 0f);
        var values = ElementConverter.ToDoubles(x).Select(v => v > threshold ? 1.0 : 0).ToArray();
        c.SetOutput(0, new TensorValue(x.ElementType, x.Dims, ElementConverter.FromDoubles(values, x.ElementType)));
    }

    private static void ArrayFeatureExtractor(OpContext c)
    {
        var x = c.Input(0);
        var indices = KernelInputs.Longs(c.Input(1));
        int last = x.Dims[^1], rows = x.ElementCount / Math.Max(last, 1);
        var offsets = new int[rows * indices.Length];
        for (int row = 0; row < rows; row++)
        {
            for (int j = 0; j < indices.Length; j++) offsets[row * indices.Length + j] = row * last + Indexing(indices[j], last);
        }
        int[] dims = x.Rank == 1 ? [1, indices.Length] : [.. x.Dims[..^1], indices.Length];
        c.SetOutput(0, Gathering.Take(x, offsets, dims));
    }

    private static int Indexing(long index, int length) =>
        index >= 0 && index < length ? (int)index : throw new OnnxKitException($"index {index} is outside the last dimension ({length}).");

    private static void LabelEncoder(OpContext c)
    {
        var x = c.Input(0);
        var keys = Table(c, "keys") ?? throw new OnnxKitException("LabelEncoder has no keys_* attribute.");
        var values = Table(c, "values") ?? throw new OnnxKitException("LabelEncoder has no values_* attribute.");
        if (keys.ElementCount != values.ElementCount) throw new OnnxKitException($"LabelEncoder has {keys.ElementCount} keys but {values.ElementCount} values.");
        var fallback = c.Tensor("default_tensor") ?? values.ElementType switch
        {
            DataType.String => TensorValue.Scalar(DataType.String, c.String("default_string", "_Unused")),
            DataType.Float or DataType.Double => ElementConverter.Convert(TensorValue.Scalar(DataType.Float, c.Float("default_float", -0f)), values.ElementType),
            _ => ElementConverter.Convert(TensorValue.Scalar(DataType.Int64, c.Int("default_int64", -1)), values.ElementType),
        };
        var map = new Dictionary<string, int>();
        var keyText = Texts(keys);
        for (int i = 0; i < keyText.Length; i++) map[keyText[i]] = i;
        var inputText = Texts(ElementConverter.Convert(x, keys.ElementType));
        var offsets = inputText.Select(k => map.TryGetValue(k, out int i) ? i : -1).ToArray();
        c.SetOutput(0, Gathering.Take(values, offsets, x.Dims, ElementConverter.Convert(fallback, values.ElementType)));
    }

    /// <summary>The keys_* or values_* attribute as a tensor, whichever form is set.</summary>
    private static TensorValue? Table(OpContext c, string prefix)
    {
        if (c.Tensor($"{prefix}_tensor") is { } tensor) return tensor;
        if (c.Strings($"{prefix}_strings") is { } strings) return new TensorValue(DataType.String, [strings.Length], strings);
        if (c.Ints($"{prefix}_int64s") is { } ints) return TensorValue.Int64Vector(ints);
        if (c.Floats($"{prefix}_floats") is { } floats) return new TensorValue(DataType.Float, [floats.Length], floats);
        return null;
    }

    /// <summary>Each element as an exact text key (all NaNs share one key, as the spec asks).</summary>
    private static string[] Texts(TensorValue t) => t.ElementType == DataType.String
        ? t.Array<string>()
        : ElementConverter.ToDoubles(t).Select(v => double.IsNaN(v) ? "NaN" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static void TreeEnsemble(OpContext c)
    {
        var x = c.Input(0);
        var features = ElementConverter.ToDoubles(x);
        int rows = x.Dims[0], width = x.Dims[1];
        var roots = c.Ints("tree_roots") ?? throw new OnnxKitException("TreeEnsemble needs tree_roots.");
        var featureIds = c.Ints("nodes_featureids")!;
        var modes = KernelInputs.Longs(c.Tensor("nodes_modes")!);
        var splits = ElementConverter.ToDoubles(c.Tensor("nodes_splits")!);
        var trueIds = c.Ints("nodes_truenodeids")!;
        var falseIds = c.Ints("nodes_falsenodeids")!;
        var trueLeafs = c.Ints("nodes_trueleafs")!;
        var falseLeafs = c.Ints("nodes_falseleafs")!;
        var missingTrue = c.Ints("nodes_missing_value_tracks_true") ?? new long[featureIds.Length];
        var leafTargets = c.Ints("leaf_targetids")!;
        var leafWeights = ElementConverter.ToDoubles(c.Tensor("leaf_weights")!);
        var membership = c.Tensor("membership_values") is { } m ? ElementConverter.ToDoubles(m) : [];
        int targets = (int)c.Int("n_targets", leafTargets.DefaultIfEmpty(0).Max() + 1);
        long aggregate = c.Int("aggregate_function", 1), postTransform = c.Int("post_transform", 0);
        if (postTransform != 0) throw new UnsupportedFeatureException("TreeEnsemble post_transform", $"TreeEnsemble post_transform {postTransform} is not supported.");
        var sets = MembershipSets(modes, membership);
        var result = new double[rows * targets];
        for (int row = 0; row < rows; row++)
        {
            var sums = new double[targets];
            var counts = new int[targets];
            var best = Enumerable.Repeat(double.NaN, targets).ToArray();
            foreach (long root in roots)
            {
                long node = root;
                while (true)
                {
                    double value = features[row * width + featureIds[node]];
                    bool branch = double.IsNaN(value) ? missingTrue[node] != 0 : modes[node] switch
                    {
                        0 => value <= splits[node],
                        1 => value < splits[node],
                        2 => value >= splits[node],
                        3 => value > splits[node],
                        4 => value == splits[node],
                        5 => value != splits[node],
                        6 => sets[node]!.Contains(value),
                        _ => throw new OnnxKitException($"node mode {modes[node]} is not a TreeEnsemble mode."),
                    };
                    long next = branch ? trueIds[node] : falseIds[node];
                    if ((branch ? trueLeafs[node] : falseLeafs[node]) != 0)
                    {
                        int target = (int)leafTargets[next];
                        double weight = leafWeights[next];
                        sums[target] += weight;
                        counts[target]++;
                        best[target] = double.IsNaN(best[target]) ? weight : aggregate == 2 ? Math.Min(best[target], weight) : Math.Max(best[target], weight);
                        break;
                    }
                    node = next;
                }
            }
            for (int t = 0; t < targets; t++)
            {
                result[row * targets + t] = aggregate switch
                {
                    0 => counts[t] == 0 ? 0 : sums[t] / roots.Length,
                    1 => sums[t],
                    _ => double.IsNaN(best[t]) ? 0 : best[t],
                };
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, [rows, targets], ElementConverter.FromDoubles(result, x.ElementType)));
    }

    /// <summary>The member sets of BRANCH_MEMBER nodes, in node order, split out of the NaN-delimited list.</summary>
    private static HashSet<double>?[] MembershipSets(long[] modes, double[] membership)
    {
        var sets = new HashSet<double>?[modes.Length];
        int at = 0;
        for (int node = 0; node < modes.Length; node++)
        {
            if (modes[node] != 6) continue;
            var set = new HashSet<double>();
            while (at < membership.Length && !double.IsNaN(membership[at])) set.Add(membership[at++]);
            at++;
            sets[node] = set;
        }
        return sets;
    }
}
