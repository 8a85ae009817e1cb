using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>
/// Where inferred types and partly known values are kept while walking. The committing store
/// writes types into <see cref="Value.Type"/>; a scratch store keeps them aside, for walking a
/// model-local function's body once per call site without changing the shared body.
/// </summary>
internal sealed class TypeStore
{
    private readonly Dictionary<Value, OnnxType>? scratch;
    private readonly Dictionary<Value, ShapeData> data = [];

    private TypeStore(Dictionary<Value, OnnxType>? scratch) => this.scratch = scratch;

    /// <summary>A store that sets <see cref="Value.Type"/>.</summary>
    public static TypeStore Committing() => new(null);

    /// <summary>A store that leaves the model untouched.</summary>
    public static TypeStore Scratch() => new([]);

    /// <summary>True when types go into the model.</summary>
    public bool Commits => scratch is null;

    public OnnxType? Get(Value value) =>
        scratch is not null && scratch.TryGetValue(value, out var type) ? type : value.Type;

    public void Set(Value value, OnnxType type)
    {
        if (scratch is null) value.Type = type;
        else scratch[value] = type;
    }

    public ShapeData? GetData(Value value) => data.GetValueOrDefault(value);

    public void SetData(Value value, ShapeData shapeData) => data[value] = shapeData;
}
