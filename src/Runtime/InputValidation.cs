using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime;

/// <summary>Checks inputs against a model's specs before a run, with messages that name the model and input.</summary>
internal static class InputValidation
{
    public static void Check(string model, IReadOnlyList<TensorSpec> specs, IReadOnlyDictionary<string, ITensor> inputs)
    {
        foreach (var name in inputs.Keys)
        {
            if (!specs.Any(s => s.Name == name))
                throw new OnnxKitException($"Model '{model}' has no input named '{name}'; its inputs are {string.Join(", ", specs)}.");
        }
        foreach (var spec in specs)
        {
            if (!inputs.TryGetValue(spec.Name, out var tensor))
                throw new OnnxKitException($"Model '{model}' needs input {spec}; none was given.");
            CheckOne(model, spec, tensor.DataType, tensor.Dims);
        }
    }

    public static void CheckOne(string model, TensorSpec spec, DataType type, IReadOnlyList<long> dims)
    {
        if (spec.ElementType != type)
            throw new OnnxKitException($"Model '{model}', input '{spec.Name}': expected {spec.ElementType.OnnxName()} elements, got {type.OnnxName()}.");
        if (spec.Shape is null) return;
        bool fits = spec.Shape.Rank == dims.Count;
        for (int i = 0; fits && i < dims.Count; i++) fits = spec.Shape[i].Value is not long known || known == dims[i];
        if (!fits)
            throw new OnnxKitException($"Model '{model}', input '{spec.Name}': expected shape {spec.Shape}, got {TensorDims.Format(dims)}.");
    }
}
