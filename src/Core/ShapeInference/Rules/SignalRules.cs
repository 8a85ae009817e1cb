using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Signal processing: DFT, STFT and MelWeightMatrix.</summary>
internal static class SignalRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["DFT"] = Dft;
        rules["STFT"] = Stft;
        rules["MelWeightMatrix"] = MelWeightMatrix;
    }

    /// <summary>
    /// DFT: the signal axis becomes dft_length (halved plus one when onesided), the last axis holds
    /// (real, imaginary). The axis is an attribute in opset 17 and an input from 20. The inverse
    /// one-sided transform is left with an unknown shape.
    /// </summary>
    private static void Dft(NodeContext context)
    {
        if (context.InputShape(0) is not { Rank: >= 2 } input) return;
        bool onesided = context.Int("onesided", 0) != 0;
        if (onesided && context.Int("inverse", 0) != 0)
        {
            context.SetOutput(0, RuleSupport.UnknownOfRank(input.Rank));
            return;
        }
        long? axisValue = context.Opset < 20 ? context.Int("axis", 1)
            : context.HasInput(2) ? context.InputInts(2) is [var given] ? given : null
            : -2;
        if (axisValue is not long axis)
        {
            context.SetOutput(0, RuleSupport.UnknownOfRank(input.Rank));
            return;
        }
        int index = context.Axis(axis, input.Rank);
        if (index == input.Rank - 1) throw context.Fail("the DFT axis may not be the last (complex) axis");
        Dim length = context.HasInput(1) ? context.InputInts(1) is [var n] ? Dim.Of(n) : Dim.Unknown() : input[index];
        if (onesided) length = DimMath.Add(DimMath.Divide(length, Dim.Of(2)), Dim.Of(1));
        context.SetOutput(0, input.With(index, length).With(input.Rank - 1, Dim.Of(2)));
    }

    /// <summary>STFT: [batch, frames, bins, 2], frames = (length - frame_length) / frame_step + 1.</summary>
    private static void Stft(NodeContext context)
    {
        if (context.InputShape(0) is not { Rank: 3 } signal) return;
        long? frameLength = context.InputInts(3) is [var given] ? given
            : context.InputShape(2) is { Rank: 1 } window ? window[0].Value
            : null;
        Dim frames = Dim.Unknown(), bins = Dim.Unknown();
        if (frameLength is long length)
        {
            if (context.InputInts(1) is [var step] && step > 0 && signal[1].Value is long samples && samples >= length)
                frames = Dim.Of((samples - length) / step + 1);
            bins = Dim.Of(context.Int("onesided", 1) != 0 ? length / 2 + 1 : length);
        }
        context.SetOutput(0, new Shape(DimMath.Strip(signal[0]), frames, bins, Dim.Of(2)));
    }

    /// <summary>MelWeightMatrix: [floor(dft_length/2) + 1, num_mel_bins].</summary>
    private static void MelWeightMatrix(NodeContext context)
    {
        Dim bins = context.InputInts(1) is [var dftLength] ? Dim.Of(dftLength / 2 + 1) : Dim.Unknown();
        Dim mels = context.InputInts(0) is [var count] ? Dim.Of(count) : Dim.Unknown();
        context.SetOutput(0, new Shape(bins, mels), RuleSupport.ElementTypeAttribute(context, "output_datatype") ?? DataType.Float);
    }
}
