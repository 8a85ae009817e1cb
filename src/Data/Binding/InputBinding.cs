namespace OnnxKit.Data.Binding;

/// <summary>How one model input is fed: from which data array, and what is done to each record.</summary>
/// <param name="Input">The model input's name.</param>
/// <param name="Feature">The data array that feeds it.</param>
/// <param name="RecordDims">The dims of one record as the model receives it.</param>
/// <param name="Steps">What happens to each record, in words (<c>add channel axis</c>, <c>resize 32x32 → 28x28</c>, ...); empty when the record passes as it is.</param>
public sealed record InputBinding(string Input, string Feature, IReadOnlyList<long> RecordDims, IReadOnlyList<string> Steps)
{
    /// <summary>Formats as <c>x → conv2d_input[1,28,28]: scale, add channel axis</c>.</summary>
    public override string ToString() =>
        $"{Feature} → {Input}{Ir.TensorDims.Format(RecordDims)}{(Steps.Count == 0 ? "" : ": " + string.Join(", ", Steps))}";
}
