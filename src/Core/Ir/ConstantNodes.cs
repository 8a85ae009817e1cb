namespace OnnxKit.Ir;

/// <summary>Reads the tensor a Constant node produces, for the value forms that hold numbers.</summary>
public static class ConstantNodes
{
    /// <summary>
    /// The tensor of a Constant node given as <c>value</c>, <c>value_float(s)</c> or <c>value_int(s)</c>;
    /// null for strings, sparse values and attributes that refer to a function's attributes.
    /// </summary>
    public static ITensor? TryRead(Node constant)
    {
        if (constant.Attributes.Count != 1 || constant.Attributes[0] is not { RefAttributeName: null } attribute) return null;
        return attribute.Name switch
        {
            "value" when attribute.Value is ITensor t && t.DataType is not (DataType.String or DataType.Undefined) => t,
            "value_float" => DenseTensor.FromFloats([attribute.AsFloat()], []),
            "value_floats" => DenseTensor.FromFloats(attribute.AsFloats().ToArray(), [attribute.AsFloats().Count]),
            "value_int" => DenseTensor.FromInt64s([attribute.AsInt()], []),
            "value_ints" => DenseTensor.FromInt64s(attribute.AsInts().ToArray(), [attribute.AsInts().Count]),
            _ => null,
        };
    }
}
