using OnnxKit.Ir;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Engine;

/// <summary>
/// The evaluator's precision rule for float16 and bfloat16: a kernel computes in float32 and its
/// float32 outputs are rounded (to nearest even) to the narrow type once, at the end of the op.
/// </summary>
internal static class HalfPrecision
{
    /// <summary>Replaces float16/bfloat16 tensors among <paramref name="inputs"/> by float32 copies; returns the narrow type found, if any.</summary>
    public static DataType? Widen(RuntimeValue?[] inputs)
    {
        DataType? narrow = null;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is TensorValue t && ElementStorage.IsHalfPrecision(t.ElementType))
            {
                narrow ??= t.ElementType;
                inputs[i] = ElementConverter.Convert(t, DataType.Float);
            }
        }
        return narrow;
    }

    /// <summary>
    /// Rounds float32 tensors among <paramref name="outputs"/> to <paramref name="narrow"/>, except
    /// outputs the graph declares as float32 (ops whose outputs have their own type, like
    /// LayerNormalization's statistics with stash_type float).
    /// </summary>
    public static void Narrow(RuntimeValue?[] outputs, IReadOnlyList<Ir.Value> declared, DataType narrow)
    {
        for (int i = 0; i < outputs.Length; i++)
        {
            bool declaredFloat = i < declared.Count && declared[i].TensorType?.ElementType == DataType.Float;
            if (outputs[i] is TensorValue { ElementType: DataType.Float } t && !declaredFloat) outputs[i] = ElementConverter.Convert(t, narrow);
        }
    }
}
