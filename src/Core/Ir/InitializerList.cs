namespace OnnxKit.Ir;

/// <summary>
/// A graph's initializers in file order, also addressable by name. The name index follows renames
/// (<see cref="Value.Name"/>). An initializer holds a <see cref="Value.ConstValue"/>, belongs to one
/// graph, and is not produced by a node; it may also be listed among the same graph's inputs. A
/// second initializer of the same name (an invalid model, kept so the checker can report it) stays
/// in order, but look-ups by name find the first.
/// </summary>
public sealed class InitializerList : GraphValueList
{
    private readonly Dictionary<string, Value> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> nameCounts = new(StringComparer.Ordinal);

    internal InitializerList(Graph graph)
        : base(graph)
    {
    }

    /// <summary>The initializer named <paramref name="name"/>, or null.</summary>
    public Value? this[string name] => byName.GetValueOrDefault(name);

    /// <summary>True when an initializer of this name exists.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <inheritdoc/>
    public override bool Contains(Value value) => value.IsInitializerOf(Graph);

    /// <summary>An initializer must have no uses left when it is removed.</summary>
    private protected override void CheckRemovable(Value value)
    {
        if (value.Uses.Count > 0) throw new InvalidOperationException($"Initializer '{value.Name}' is still used.");
    }

    private protected override void Attach(Value value, int index)
    {
        if (value.ConstValue is null) throw new ArgumentException($"Initializer '{value.Name}' has no constant value.", nameof(value));
        value.JoinInitializers(Graph);
        Index(value.Name, value, index);
    }

    private protected override void Detach(Value value, int index)
    {
        value.LeaveInitializers();
        Unindex(value.Name, value);
    }

    /// <summary>Moves <paramref name="value"/> from <paramref name="oldName"/> to its new name in the index.</summary>
    internal void Rename(Value value, string oldName)
    {
        Unindex(oldName, value);
        Index(value.Name, value, PositionOf(value));
    }

    /// <summary>Indexes a value at list position <paramref name="index"/>; the first in order wins a shared name.</summary>
    private void Index(string name, Value value, int index)
    {
        int count = nameCounts.GetValueOrDefault(name);
        nameCounts[name] = count + 1;
        if (count == 0 || PositionOf(byName[name]) >= index) byName[name] = value;
    }

    private void Unindex(string name, Value value)
    {
        int count = nameCounts[name] - 1;
        if (count == 0)
        {
            nameCounts.Remove(name);
            byName.Remove(name);
            return;
        }
        nameCounts[name] = count;
        if (!ReferenceEquals(byName[name], value)) return;
        for (int i = 0; i < Count; i++)
        {
            var other = ItemAt(i);
            if (!ReferenceEquals(other, value) && other.Name == name && other.IsInitializerOf(Graph))
            {
                byName[name] = other;
                return;
            }
        }
    }
}
