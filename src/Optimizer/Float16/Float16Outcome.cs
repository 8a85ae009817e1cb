namespace OnnxKit.Optimizer.Float16;

/// <summary>
/// How a requested float16 conversion went: the conversion's report, the nodes mixed-precision search
/// kept in float32, the first NaN/infinity found by a scan, and whether verification undid the conversion.
/// </summary>
public sealed record Float16Outcome(Float16Report Report, MixedPrecisionSearch.Outcome? MixedPrecision, NanInfFinding? FirstNonFinite,
    bool NanScanRan, string? UndoneBecause);
