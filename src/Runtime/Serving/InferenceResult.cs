using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>The outputs of one request, with typed accessors.</summary>
public sealed class InferenceResult(IReadOnlyDictionary<string, ITensor> outputs)
{
    /// <summary>Every output, keyed by name.</summary>
    public IReadOnlyDictionary<string, ITensor> Outputs { get; } = outputs;

    /// <summary>Output <paramref name="name"/>.</summary>
    public ITensor this[string name] => Outputs.TryGetValue(name, out var tensor) ? tensor
        : throw new KeyNotFoundException($"There is no output named '{name}'; the outputs are {string.Join(", ", Outputs.Keys)}.");

    /// <summary>The elements of output <paramref name="name"/> as <typeparamref name="T"/> (float for float outputs, long for int64, ...).</summary>
    public T[] Get<T>(string name) where T : unmanaged
    {
        var tensor = this[name];
        if (ElementTypes.Of<T>() != tensor.DataType)
            throw new InvalidOperationException($"Output '{name}' holds {tensor.DataType.OnnxName()} elements, not {typeof(T).Name}.");
        return tensor.ToArray<T>();
    }

    /// <summary>The shape of output <paramref name="name"/>.</summary>
    public IReadOnlyList<long> Dims(string name) => this[name].Dims;
}
