namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Scan-8 ran over a leading batch axis (with optional per-batch sequence lengths); Scan-9 dropped the batch axis
/// and added per-input scan axes and directions. The body and every input would have to be rewritten, so both
/// directions are refused with that reason rather than carried over by the schemas alone.
/// </summary>
public sealed class ScanBatchAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Scan"];

    /// <inheritdoc/>
    public override int Version => 9;

    /// <inheritdoc/>
    public override string Description => "batch axis removed";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) =>
        throw context.Refuse("Scan-8 scans over a batch axis that Scan-9 no longer has; OnnxKit does not rewrite the body and inputs for it");

    /// <inheritdoc/>
    public override void Down(AdapterContext context) =>
        throw context.Refuse("Scan-8 scans over a batch axis that Scan-9 no longer has; OnnxKit does not rewrite the body and inputs for it");
}
