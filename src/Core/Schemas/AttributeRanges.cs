namespace OnnxKit.Schemas;

/// <summary>
/// The ranges of the integer attributes of ai.onnx operators that count or size something (heads,
/// groups, block sizes, hidden sizes, kernel extents, strides, dilations, pads, numbers of outputs),
/// from ONNX's operator documentation (docs/Operators.md). These are the attributes runtimes divide
/// by or size buffers with, so a value out of range crashes them rather than failing cleanly: an
/// Attention node with <c>q_num_heads</c> of -2^63 makes ONNX Runtime divide by it and die of SIGFPE.
/// Attributes whose range depends on an input's rank (<c>axis</c>, <c>perm</c>) are not listed.
/// </summary>
public static class AttributeRanges
{
    private const long Dimension = int.MaxValue;

    private static readonly AttributeRange Positive = new(1, Dimension, "a positive count or size");
    private static readonly AttributeRange NonNegative = new(0, Dimension, "a count or size");
    private static readonly AttributeRange Heads = new(1, Dimension, "a number of attention heads");
    private static readonly AttributeRange Groups = new(1, Dimension, "a number of groups");
    private static readonly AttributeRange Pads = new(0, Dimension, "a padding");
    private static readonly AttributeRange ElementType = new(1, 26, "an ONNX element type");
    private static readonly AttributeRange OptionalElementType = new(0, 26, "an ONNX element type or 0");
    private static readonly AttributeRange Norm = new(1, 2, "the order of a norm");

    private static readonly string[] ConvOps = ["Conv", "ConvInteger", "ConvTranspose", "QLinearConv", "DeformConv"];
    private static readonly string[] PoolOps = ["AveragePool", "MaxPool", "LpPool", "MaxUnpool"];

    private static readonly Dictionary<(string Op, string Attribute), AttributeRange> Table = Build();

    /// <summary>The range of attribute <paramref name="attribute"/> of the ai.onnx operator <paramref name="op"/>, or null when it is not constrained here.</summary>
    public static AttributeRange? Find(string op, string attribute) => Table.GetValueOrDefault((op, attribute));

    /// <summary>Every constrained (operator, attribute) pair.</summary>
    public static IEnumerable<(string Op, string Attribute, AttributeRange Range)> All =>
        Table.Select(e => (e.Key.Op, e.Key.Attribute, e.Value));

    private static Dictionary<(string, string), AttributeRange> Build()
    {
        var table = new Dictionary<(string, string), AttributeRange>();
        void Add(AttributeRange range, string attribute, params string[] ops)
        {
            foreach (var op in ops) table[(op, attribute)] = range;
        }

        Add(Heads, "q_num_heads", "Attention", "LinearAttention");
        Add(Heads, "kv_num_heads", "Attention", "LinearAttention");
        Add(Heads, "num_heads", "RotaryEmbedding");
        Add(NonNegative, "rotary_embedding_dim", "RotaryEmbedding");
        Add(Positive, "chunk_size", "LinearAttention");

        Add(Groups, "group", ConvOps);
        Add(Groups, "offset_group", "DeformConv");
        Add(Groups, "num_groups", "GroupNormalization");
        Add(Positive, "kernel_shape", [.. ConvOps, .. PoolOps]);
        Add(Positive, "strides", [.. ConvOps, .. PoolOps, "Col2Im"]);
        Add(Positive, "dilations", [.. ConvOps, .. PoolOps, "Col2Im"]);
        Add(Pads, "pads", [.. ConvOps, .. PoolOps, "Col2Im"]);
        Add(Pads, "output_padding", "ConvTranspose");
        Add(NonNegative, "output_shape", "ConvTranspose");
        Add(Positive, "pooled_shape", "MaxRoiPool");
        Add(Positive, "output_height", "RoiAlign");
        Add(Positive, "output_width", "RoiAlign");
        Add(NonNegative, "sampling_ratio", "RoiAlign");
        Add(Positive, "p", "LpPool", "GlobalLpPool");
        Add(Norm, "p", "LpNormalization");
        Add(Positive, "size", "LRN");

        Add(Positive, "blocksize", "DepthToSpace", "SpaceToDepth");
        Add(NonNegative, "block_size", "QuantizeLinear", "DequantizeLinear");
        Add(Positive, "hidden_size", "RNN", "GRU", "LSTM");
        Add(Positive, "num_outputs", "Split");
        Add(NonNegative, "split", "Split");
        Add(Positive, "num_scan_inputs", "Scan");
        Add(Positive, "sample_size", "Multinomial");
        Add(NonNegative, "k", "TopK");
        Add(Positive, "min_gram_length", "TfIdfVectorizer");
        Add(Positive, "max_gram_length", "TfIdfVectorizer");
        Add(NonNegative, "max_skip_count", "TfIdfVectorizer");
        Add(NonNegative, "ngram_counts", "TfIdfVectorizer");
        Add(NonNegative, "ngram_indexes", "TfIdfVectorizer");

        Add(ElementType, "to", "Cast", "BitCast");
        Add(ElementType, "dtype", "EyeLike", "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Bernoulli", "Multinomial", "SequenceEmpty");
        Add(ElementType, "output_datatype", "BlackmanWindow", "HammingWindow", "HannWindow", "MelWeightMatrix");
        Add(OptionalElementType, "output_dtype", "QuantizeLinear", "DequantizeLinear");
        return table;
    }
}
