namespace OnnxKit.Data.Binding;

/// <summary>The per-record work that fits one data array to one model input (see <see cref="ModelInputBinder"/>).</summary>
internal sealed record RecordPlan(
    string Input,
    string Feature,
    Ir.DataType Target,
    long[] SourceDims,
    long[] TargetDims,
    ImageGeometry? Image,
    int NormalizationAxisSize,
    int NormalizationStride)
{
    public int SourceSize { get; } = checked((int)SourceDims.Aggregate(1L, (a, b) => a * b));

    public int TargetSize { get; } = checked((int)TargetDims.Aggregate(1L, (a, b) => a * b));
}

/// <summary>An image record's source and target geometry: sizes, channel counts and whether channels come first.</summary>
internal sealed record ImageGeometry(int SourceHeight, int SourceWidth, int SourceChannels, bool SourceChannelsFirst,
    int TargetHeight, int TargetWidth, int TargetChannels, bool TargetChannelsFirst)
{
    public bool Resizes => SourceHeight != TargetHeight || SourceWidth != TargetWidth;

    /// <summary>
    /// True when a record's values are already in the target's order (same size and channels, and one channel or
    /// the same layout, e.g. <c>[28,28]</c> to <c>[1,28,28]</c>): the binder then only reshapes, with no per-pixel work.
    /// </summary>
    public bool KeepsValues => !Resizes && SourceChannels == TargetChannels && (TargetChannels == 1 || SourceChannelsFirst == TargetChannelsFirst);
}
