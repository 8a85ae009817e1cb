using System.Collections;

namespace OnnxKit.Ir;

/// <summary>A graph's initializers in file order, addressable by name.</summary>
public sealed class InitializerList : IReadOnlyList<Value>
{
    private readonly List<Value> items = [];
    private readonly Dictionary<string, Value> byName = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public int Count => items.Count;

    /// <inheritdoc/>
    public Value this[int index] => items[index];

    /// <summary>The initializer named <paramref name="name"/>, or null.</summary>
    public Value? this[string name] => byName.GetValueOrDefault(name);

    /// <summary>Adds an initializer; a second one of the same name is kept in order (the checker reports it) but the first wins lookups.</summary>
    public void Add(Value value)
    {
        if (value.ConstValue is null) throw new ArgumentException($"Initializer '{value.Name}' has no constant value.", nameof(value));
        items.Add(value);
        byName.TryAdd(value.Name, value);
    }

    /// <summary>Removes an initializer; it must have no uses left.</summary>
    public void Remove(Value value)
    {
        if (value.Uses.Count > 0) throw new InvalidOperationException($"Initializer '{value.Name}' is still used.");
        items.Remove(value);
        if (byName.TryGetValue(value.Name, out var current) && ReferenceEquals(current, value))
        {
            byName.Remove(value.Name);
            var other = items.Find(v => v.Name == value.Name);
            if (other is not null) byName[value.Name] = other;
        }
    }

    /// <summary>True when an initializer of this name exists.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <inheritdoc/>
    public IEnumerator<Value> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
