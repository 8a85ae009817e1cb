using System.Collections;

namespace OnnxKit.Ir;

/// <summary>
/// The uses of one value, in the order they were connected: a doubly linked list whose links the
/// consuming nodes keep for each input, so connecting and disconnecting an input are O(1) however
/// many uses the value has. Reading <c>Uses[0]</c>, <c>Count</c> and enumerating are cheap; indexing
/// further in walks the list.
/// </summary>
internal sealed class UseList : IReadOnlyList<Usage>
{
    private Link? first;
    private Link? last;
    private int version;

    /// <inheritdoc/>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public Usage this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var link = first!;
            for (int i = 0; i < index; i++) link = link.Next!;
            return link.Usage;
        }
    }

    /// <summary>Appends a use and returns its link, which the node keeps to remove it later.</summary>
    public Link Add(Node node, int inputIndex)
    {
        var link = new Link(new Usage(node, inputIndex)) { Previous = last };
        if (last is null) first = link;
        else last.Next = link;
        last = link;
        Count++;
        version++;
        return link;
    }

    /// <summary>Removes a use given its link.</summary>
    public void Remove(Link link)
    {
        if (link.Previous is null) first = link.Next;
        else link.Previous.Next = link.Next;
        if (link.Next is null) last = link.Previous;
        else link.Next.Previous = link.Previous;
        link.Previous = link.Next = null;
        Count--;
        version++;
    }

    /// <inheritdoc/>
    public IEnumerator<Usage> GetEnumerator()
    {
        int expected = version;
        for (var link = first; link is not null; link = link.Next)
        {
            yield return link.Usage;
            if (version != expected) throw new InvalidOperationException("The value's uses changed during enumeration; enumerate a copy (Uses.ToArray()) to rewire them.");
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One use in the list.</summary>
    internal sealed class Link(Usage usage)
    {
        public Usage Usage { get; } = usage;

        public Link? Previous { get; set; }

        public Link? Next { get; set; }
    }
}
