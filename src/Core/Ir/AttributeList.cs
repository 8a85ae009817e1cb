using System.Collections;

namespace OnnxKit.Ir;

/// <summary>A node's attributes: kept in file order, looked up by name, names unique.</summary>
public sealed class AttributeList : IReadOnlyList<Attribute>
{
    private readonly List<Attribute> items = [];

    /// <inheritdoc/>
    public int Count => items.Count;

    /// <inheritdoc/>
    public Attribute this[int index] => items[index];

    /// <summary>The attribute named <paramref name="name"/>, or null.</summary>
    public Attribute? this[string name] => items.Find(a => a.Name == name);

    /// <summary>Adds the attribute, replacing one of the same name in place.</summary>
    public void Set(Attribute attribute)
    {
        int index = items.FindIndex(a => a.Name == attribute.Name);
        if (index >= 0) items[index] = attribute;
        else items.Add(attribute);
    }

    /// <summary>Appends without checking for a duplicate name (for reading files that have one, so the checker can report it).</summary>
    internal void AddRaw(Attribute attribute) => items.Add(attribute);

    /// <summary>Removes the attribute named <paramref name="name"/>; true when there was one.</summary>
    public bool Remove(string name) => items.RemoveAll(a => a.Name == name) > 0;

    /// <summary>The integer attribute's value, or <paramref name="fallback"/> when absent.</summary>
    public long GetInt(string name, long fallback) => this[name]?.AsInt() ?? fallback;

    /// <summary>The float attribute's value, or <paramref name="fallback"/> when absent.</summary>
    public float GetFloat(string name, float fallback) => this[name]?.AsFloat() ?? fallback;

    /// <summary>The string attribute's value, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback) => this[name]?.AsString() ?? fallback;

    /// <summary>The integer-list attribute's value, or null when absent.</summary>
    public IReadOnlyList<long>? GetInts(string name) => this[name]?.AsInts();

    /// <inheritdoc/>
    public IEnumerator<Attribute> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
