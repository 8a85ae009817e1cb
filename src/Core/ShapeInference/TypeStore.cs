using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>
/// Where inferred types and partly known values are kept while walking. The committing store
/// writes types into <see cref="Value.Type"/>; a scratch store keeps them aside (reading through
/// to its parent), for walking a model-local function's body once per call site, or a loop body on
/// trial, without changing the model.
/// </summary>
internal sealed class TypeStore
{
    private readonly Dictionary<Value, OnnxType>? scratch;
    private readonly TypeStore? parent;
    private readonly Dictionary<Value, ShapeData> data = [];

    private TypeStore(Dictionary<Value, OnnxType>? scratch, TypeStore? parent, bool quiet)
    {
        this.scratch = scratch;
        this.parent = parent;
        Quiet = quiet;
    }

    /// <summary>A store that sets <see cref="Value.Type"/>.</summary>
    public static TypeStore Committing() => new(null, null, false);

    /// <summary>A store that leaves the model untouched; <paramref name="quiet"/> ones report no diagnostics.</summary>
    public static TypeStore Scratch(TypeStore? parent = null, bool quiet = false) => new([], parent, quiet);

    /// <summary>True when types go into the model.</summary>
    public bool Commits => scratch is null;

    /// <summary>True for a trial walk, whose findings are not reported (the real walk reports them).</summary>
    public bool Quiet { get; }

    public OnnxType? Get(Value value) =>
        scratch is not null && scratch.TryGetValue(value, out var type) ? type
        : parent is not null ? parent.Get(value)
        : value.Type;

    public void Set(Value value, OnnxType type)
    {
        if (scratch is null) value.Type = type;
        else scratch[value] = type;
    }

    public ShapeData? GetData(Value value) => data.GetValueOrDefault(value) ?? parent?.GetData(value);

    public void SetData(Value value, ShapeData shapeData) => data[value] = shapeData;
}
