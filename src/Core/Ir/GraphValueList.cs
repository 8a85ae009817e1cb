using System.Collections;

namespace OnnxKit.Ir;

/// <summary>
/// One of a graph's ordered lists of values (its inputs, outputs or initializers). It reads and
/// edits like a <see cref="List{T}"/>, but every change also updates the values' record of their
/// roles, so a value can answer <see cref="Value.IsGraphInput"/>, <see cref="Value.IsGraphOutput"/>
/// and <see cref="Value.IsInitializer"/> in O(1), and <see cref="Contains"/> is O(1) too. An edit
/// that would break a role's rules (an input listed twice, a value defined in two graphs) throws
/// and changes nothing.
/// </summary>
public abstract class GraphValueList : IList<Value>, IReadOnlyList<Value>
{
    private readonly List<Value> items = [];

    private protected GraphValueList(Graph graph) => Graph = graph;

    /// <summary>The graph whose list this is.</summary>
    public Graph Graph { get; }

    /// <inheritdoc cref="ICollection{T}.Count"/>
    public int Count => items.Count;

    bool ICollection<Value>.IsReadOnly => false;

    /// <summary>The value at <paramref name="index"/>; setting it replaces that entry (and the roles).</summary>
    public Value this[int index]
    {
        get => items[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var old = items[index];
            if (ReferenceEquals(old, value)) return;
            CheckRemovable(old);
            Detach(old, index);
            try
            {
                Attach(value, index);
            }
            catch
            {
                Attach(old, index);
                throw;
            }
            items[index] = value;
        }
    }

    /// <summary>Adds <paramref name="value"/> at the end.</summary>
    public void Add(Value value) => Insert(items.Count, value);

    /// <summary>Adds each value at the end, in order.</summary>
    public void AddRange(IEnumerable<Value> values)
    {
        foreach (var value in values.ToList()) Add(value);
    }

    /// <summary>Inserts <paramref name="value"/> at <paramref name="index"/>.</summary>
    public void Insert(int index, Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)items.Count, nameof(index));
        Attach(value, index);
        items.Insert(index, value);
    }

    /// <summary>Removes the first entry that is <paramref name="value"/>; false when there is none.</summary>
    public bool Remove(Value value)
    {
        int index = IndexOf(value);
        if (index < 0) return false;
        RemoveAt(index);
        return true;
    }

    /// <summary>Removes the entry at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        var value = items[index];
        CheckRemovable(value);
        Detach(value, index);
        items.RemoveAt(index);
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        foreach (var value in items) CheckRemovable(value);
        for (int i = items.Count - 1; i >= 0; i--)
        {
            Detach(items[i], i);
            items.RemoveAt(i);
        }
    }

    /// <summary>True when <paramref name="value"/> is in this list (O(1): the value knows its roles).</summary>
    public abstract bool Contains(Value value);

    /// <summary>The position of the first entry that is <paramref name="value"/>, or -1.</summary>
    public int IndexOf(Value value) => Contains(value) ? items.FindIndex(v => ReferenceEquals(v, value)) : -1;

    /// <inheritdoc/>
    public void CopyTo(Value[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<Value> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    /// <summary>Gives <paramref name="value"/> this list's role, or throws without changing anything.</summary>
    private protected abstract void Attach(Value value, int index);

    /// <summary>Takes this list's role from <paramref name="value"/> (its entry at <paramref name="index"/> is going away).</summary>
    private protected abstract void Detach(Value value, int index);

    /// <summary>Throws when <paramref name="value"/> may not leave this list.</summary>
    private protected virtual void CheckRemovable(Value value)
    {
    }

    /// <summary>The entry at <paramref name="index"/> without the role bookkeeping (for subclasses' indexes).</summary>
    private protected Value ItemAt(int index) => items[index];

    /// <summary>The position of <paramref name="value"/> by reference, without the O(1) pre-check.</summary>
    private protected int PositionOf(Value value) => items.FindIndex(v => ReferenceEquals(v, value));
}
