using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// Checks what a caller feeds a model against the model's input specs before a run, so every
/// backend rejects a missing, unknown or mistyped input with the same message naming the model
/// and the input. An element type of <see cref="DataType.Undefined"/> or a null shape in a spec
/// accepts any; symbolic and unknown dims accept any size.
/// </summary>
public static class InputValidation
{
    /// <summary>Checks a whole feed: every name is an input, every input is given, every tensor fits its spec.</summary>
    /// <exception cref="OnnxKitException">The first input that does not fit, named with <paramref name="model"/>.</exception>
    public static void Check(string model, IReadOnlyList<TensorSpec> specs, IReadOnlyDictionary<string, ITensor> inputs)
    {
        foreach (var name in inputs.Keys)
        {
            if (!specs.Any(s => s.Name == name)) throw UnknownInput(model, name, specs);
        }
        foreach (var spec in specs)
        {
            if (!inputs.TryGetValue(spec.Name, out var tensor)) throw MissingInput(model, spec.ToString());
            CheckTensor(model, spec, tensor.DataType, tensor.Dims);
        }
    }

    /// <summary>Checks one tensor's element type and dims against <paramref name="spec"/>.</summary>
    /// <exception cref="OnnxKitException">They do not fit; the message names the model, the input, and both types or shapes.</exception>
    public static void CheckTensor(string model, TensorSpec spec, DataType type, IReadOnlyList<long> dims)
    {
        if (spec.ElementType != DataType.Undefined && spec.ElementType != type)
            throw new OnnxKitException($"Model '{model}', input '{spec.Name}': expected {spec.ElementType.OnnxName()} elements, got {type.OnnxName()}.");
        if (spec.Shape is null) return;
        bool fits = spec.Shape.Rank == dims.Count;
        for (int i = 0; fits && i < dims.Count; i++) fits = spec.Shape[i].Value is not long known || known == dims[i];
        if (!fits)
            throw new OnnxKitException($"Model '{model}', input '{spec.Name}': expected shape {spec.Shape}, got {TensorDims.Format(dims)}.");
    }

    /// <summary>The error for a value of the wrong kind, e.g. a tensor fed to a sequence input.</summary>
    public static OnnxKitException KindMismatch(string model, string input, OnnxType declared, string given) =>
        new($"Model '{model}', input '{input}': expected {declared}, got {given}.");

    /// <summary>The error for a name that is no input of the model.</summary>
    public static OnnxKitException UnknownInput(string model, string name, IEnumerable<TensorSpec> specs) =>
        new($"Model '{model}' has no input named '{name}'; its inputs are {string.Join(", ", specs)}.");

    /// <summary>The error for an input that was not given; <paramref name="input"/> describes it (name and type).</summary>
    public static OnnxKitException MissingInput(string model, string input) =>
        new($"Model '{model}' needs input {input}; none was given.");
}
