using OnnxKit.Optimizer.Conversion.Adapters;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// Every <see cref="VersionAdapter"/>, found by operator and the opset where it changed. Changes without an
/// entry here go through <see cref="SchemaDiffAdapter"/>.
/// </summary>
public static class AdapterRegistry
{
    private static readonly string[] ReduceOps18 =
        ["ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSumSquare"];

    private static readonly AttributeInput Axes = new("axes", 1, InputForm.Int64s);

    /// <summary>The adapters, in the order docs/convert.md lists them.</summary>
    public static IReadOnlyList<VersionAdapter> All { get; } =
    [
        new AttributeToInputAdapter(5, ["Reshape"], new AttributeInput("shape", 1, InputForm.Int64s)),
        new LegacyBroadcastAdapter(),
        new LegacyTestModeAdapter(),
        new PReluSlopeAdapter(),
        new SameShapeVariadicAdapter(),
        new AttributeToInputAdapter(9, ["Upsample"], new AttributeInput("scales", 1, InputForm.Floats)),
        new ScanBatchAdapter(),
        new ConstantValueAdapter(9),
        new DropoutMaskAdapter(),
        new ErfApproximation(),
        new UpsampleResizeAdapter(),
        new AttributeToInputAdapter(10, ["Slice"], new AttributeInput("starts", 1, InputForm.Int64s), new AttributeInput("ends", 2, InputForm.Int64s),
            new AttributeInput("axes", 3, InputForm.Int64s), new AttributeInput("", 4, InputForm.OnesOnly)),
        new AttributeToInputAdapter(10, ["TopK"], new AttributeInput("k", 1, InputForm.Int64)),
        new NegativeAxisAdapter(),
        new ScatterElementsAdapter(),
        new GemmOptionalBiasAdapter(),
        new ResizeCoordinateAdapter(),
        new AttributeToInputAdapter(11, ["Pad"], new AttributeInput("pads", 1, InputForm.Int64s), new AttributeInput("value", 2, InputForm.ScalarOfDataType)),
        new AttributeToInputAdapter(11, ["Clip"], new AttributeInput("min", 1, InputForm.ScalarOfDataType), new AttributeInput("max", 2, InputForm.ScalarOfDataType)),
        new AttributeToInputAdapter(12, ["Dropout"], new AttributeInput("ratio", 1, InputForm.FloatScalar), new AttributeInput("", 2, InputForm.ZeroOnly)),
        new CeluExpansion(),
        new ComparisonOrEqualExpansion(),
        new ConstantValueAdapter(12),
        new AttributeToInputAdapter(13, ["Split"], new AttributeInput("split", 1, InputForm.Int64s)),
        new AttributeToInputAdapter(13, ["Squeeze", "Unsqueeze", "ReduceSum"], Axes),
        new SoftmaxAxisAdapter(),
        new ResizeOptionalInputsAdapter(),
        new BatchNormalizationTrainingAdapter(),
        new HardSwishExpansion(),
        new CastLikeExpansion(),
        new RoiAlignCoordinateAdapter(),
        new ShapeSliceAdapter(),
        new LayerNormalizationExpansion(),
        new AttributeToInputAdapter(18, ReduceOps18, Axes),
        new SplitOutputCountAdapter(),
        new MishExpansion(),
        new AttributeValueAddedAdapter(19, "Resize", "coordinate_transformation_mode", "half_pixel_symmetric"),
        new AttributeValueAddedAdapter(19, "Pad", "mode", "wrap"),
        new GeluExpansion(),
        new DftAxisAdapter(),
        new GridSampleModeAdapter(),
        new GroupNormalizationAdapter(),
    ];

    private static readonly Dictionary<(string Op, int Version), VersionAdapter> ByOpAndVersion = Index();

    /// <summary>The adapter for <paramref name="opType"/>'s change at <paramref name="version"/>, or null when the schemas alone decide.</summary>
    public static VersionAdapter? Find(string opType, int version) => ByOpAndVersion.GetValueOrDefault((opType, version));

    private static Dictionary<(string, int), VersionAdapter> Index()
    {
        var index = new Dictionary<(string, int), VersionAdapter>();
        foreach (var adapter in All)
        {
            foreach (string op in adapter.OpTypes)
            {
                if (!index.TryAdd((op, adapter.Version), adapter))
                    throw new InvalidOperationException($"two adapters for {op} at opset {adapter.Version}");
            }
        }
        return index;
    }
}
