namespace OnnxKit.Schemas;

/// <summary>How many actual values a formal input or output of an operator binds to.</summary>
public enum FormalParameterOption
{
    /// <summary>Exactly one value, always present.</summary>
    Single,

    /// <summary>Zero or one value; an absent optional input is written as an empty name.</summary>
    Optional,

    /// <summary>The last formal parameter, binding all remaining values (zero or more beyond the arity minimum).</summary>
    Variadic,
}
