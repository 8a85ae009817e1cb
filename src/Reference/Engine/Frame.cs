using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>
/// The values of one execution of a graph. Subgraphs (If, Loop, Scan bodies) run in a frame
/// whose parent is the frame of the enclosing graph, so they can read outer values; a
/// function body runs in a fresh frame that carries the call's attribute values instead.
/// </summary>
internal sealed class Frame
{
    private readonly Dictionary<Value, RuntimeValue> values = [];

    /// <summary>Creates a frame.</summary>
    public Frame(Frame? parent, IReadOnlyDictionary<string, Ir.Attribute>? functionAttributes, CancellationToken cancellation)
    {
        Parent = parent;
        FunctionAttributes = functionAttributes;
        Cancellation = cancellation;
    }

    /// <summary>Stops the run between nodes when cancelled.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The enclosing graph's frame, or null.</summary>
    public Frame? Parent { get; }

    /// <summary>Inside a function body: the attribute values of the call, by the function's attribute names.</summary>
    public IReadOnlyDictionary<string, Ir.Attribute>? FunctionAttributes { get; }

    /// <summary>Binds a value in this frame.</summary>
    public void Set(Value key, RuntimeValue value) => values[key] = value;

    /// <summary>The value bound here or in an enclosing frame, or null.</summary>
    public RuntimeValue? Find(Value key)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame.values.TryGetValue(key, out var value)) return value;
        }
        return null;
    }

    /// <summary>Unbinds a value of this frame (enclosing frames are untouched).</summary>
    public void Release(Value key) => values.Remove(key);
}
