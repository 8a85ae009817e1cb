namespace OnnxKit.Ir;

/// <summary>
/// One dimension of a tensor shape: a known size, a named symbol (<c>batch</c>), or
/// unknown. <see cref="Denotation"/> carries ONNX's optional semantic label
/// (<c>DATA_BATCH</c>, ...). Dims are values: two dims are equal when all parts are.
/// </summary>
public readonly record struct Dim
{
    private Dim(long? value, string? symbol, string? denotation)
    {
        Value = value;
        Symbol = symbol;
        Denotation = denotation;
    }

    /// <summary>The size when known.</summary>
    public long? Value { get; }

    /// <summary>The symbol when the size is named but not known.</summary>
    public string? Symbol { get; }

    /// <summary>ONNX's dimension denotation, when present.</summary>
    public string? Denotation { get; }

    /// <summary>True when the size is a number.</summary>
    public bool IsKnown => Value.HasValue;

    /// <summary>A dimension of known size.</summary>
    public static Dim Of(long value, string? denotation = null) => new(value, null, denotation);

    /// <summary>A dimension named by a symbol.</summary>
    public static Dim Named(string symbol, string? denotation = null) => new(null, symbol, denotation);

    /// <summary>A dimension about which nothing is known.</summary>
    public static Dim Unknown(string? denotation = null) => new(null, null, denotation);

    /// <summary>Known sizes convert implicitly.</summary>
    public static implicit operator Dim(long value) => Of(value);

    /// <summary>Symbols convert implicitly.</summary>
    public static implicit operator Dim(string symbol) => Named(symbol);

    /// <inheritdoc/>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
