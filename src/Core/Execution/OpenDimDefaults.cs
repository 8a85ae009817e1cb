using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// The size a generated input gets for a dim the model leaves open and <c>--shape</c> does not set. Size 1
/// everywhere would verify nothing (a 1×1 image through a strided backbone is all padding), so the rule picks
/// sizes a model of the input's kind is made for:
/// <list type="number">
/// <item>by name: a dim whose name mentions "batch" is 1, one that mentions "height" or "width" is <see cref="ImageSize"/>;</item>
/// <item>batch: otherwise the first dim of an input of rank 2 or more is 1;</item>
/// <item>image: an open spatial dim of a rank-4 input whose channel dim (1 in NCHW,
/// 3 in NHWC) is fixed at 1, 3 or 4, is <see cref="ImageSize"/> (224, a multiple of 32 so every stride-2 stage of
/// a backbone divides it);</item>
/// <item>signal or sequence: the open last dim of a rank-2 input (<c>[batch, samples]</c>, <c>[batch, tokens]</c>)
/// is <see cref="SequenceLength"/> (512: 32 ms of 16 kHz audio, a common frame for voice models);</item>
/// <item>anything else is 1.</item>
/// </list>
/// </summary>
public static class OpenDimDefaults
{
    /// <summary>The size of an open image height or width.</summary>
    public const long ImageSize = 224;

    /// <summary>The size of the open last dim of a rank-2 input.</summary>
    public const long SequenceLength = 512;

    /// <summary>The default size of dim <paramref name="axis"/> of <paramref name="spec"/>, with the rule that chose it.</summary>
    public static (long Size, string Rule) For(TensorSpec spec, int axis)
    {
        var shape = spec.Shape ?? throw new ArgumentException($"Input '{spec.Name}' has no known rank.", nameof(spec));
        string name = shape[axis].Symbol?.ToLowerInvariant() ?? "";
        if (name.Contains("batch", StringComparison.Ordinal)) return (1, "batch");
        if (name.Contains("height", StringComparison.Ordinal) || name.Contains("width", StringComparison.Ordinal)) return (ImageSize, "image size");
        if (axis == 0 && shape.Rank >= 2) return (1, "batch");
        if (IsImageSpatial(shape, axis)) return (ImageSize, "image size");
        if (shape.Rank == 2 && axis == 1) return (SequenceLength, "signal/sequence length");
        return (1, "no rule");
    }

    private static bool IsImageSpatial(Shape shape, int axis)
    {
        if (shape.Rank != 4) return false;
        static bool IsChannels(Dim d) => d.Value is 1 or 3 or 4;
        return (IsChannels(shape[1]) && axis is 2 or 3) || (!IsChannels(shape[1]) && IsChannels(shape[3]) && axis is 1 or 2);
    }
}
