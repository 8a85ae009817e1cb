namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// Counts by name (operators, bytes by element type), read-only, enumerated in ordinal name order: what
/// <see cref="SortedDictionary{TKey, TValue}"/> gave the reports, at less start-up cost. A sorted dictionary over
/// value-type counts is framework generic code that ReadyToRun cannot precompile outside the framework, so each
/// <c>optimize</c> run just-in-time compiled some sixty of its methods; this type is the tool's own, precompiled, and
/// looks names up in a <see cref="Dictionary{TKey, TValue}"/>.
/// </summary>
/// <typeparam name="TValue">The count's type.</typeparam>
public sealed class SortedCounts<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly Dictionary<string, TValue> byName;
    private readonly string[] names;

    /// <summary>Takes <paramref name="counts"/> (not copied: the caller gives it up) and orders its names.</summary>
    public SortedCounts(Dictionary<string, TValue> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        byName = counts;
        names = new string[counts.Count];
        counts.Keys.CopyTo(names, 0);
        Array.Sort(names, StringComparer.Ordinal);
    }

    /// <summary>The count of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No count has that name.</exception>
    public TValue this[string key] => byName[key];

    /// <summary>The names, in ordinal order (a read-only view: the array itself would let a caller reorder them).</summary>
    public IEnumerable<string> Keys => Array.AsReadOnly(names);

    /// <summary>The counts, in the order of their names.</summary>
    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (string name in names) yield return byName[name];
        }
    }

    /// <summary>How many names there are.</summary>
    public int Count => names.Length;

    /// <summary>Whether <paramref name="key"/> has a count.</summary>
    public bool ContainsKey(string key) => byName.ContainsKey(key);

    /// <summary>The count of <paramref name="key"/>, if it has one.</summary>
    public bool TryGetValue(string key, out TValue value) => byName.TryGetValue(key, out value!);

    /// <summary>The names and their counts, in ordinal name order.</summary>
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        foreach (string name in names) yield return new KeyValuePair<string, TValue>(name, byName[name]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
