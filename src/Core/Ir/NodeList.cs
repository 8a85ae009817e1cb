using System.Collections;

namespace OnnxKit.Ir;

/// <summary>
/// The nodes of a graph in order: a doubly linked list, so passes can insert and
/// remove nodes while they iterate (an enumerator positioned on a removed node
/// carries on with the node that followed it).
/// </summary>
public sealed class NodeList : IEnumerable<Node>
{
    private readonly Graph owner;
    private Node? first;
    private Node? last;

    internal NodeList(Graph owner) => this.owner = owner;

    /// <summary>The number of nodes.</summary>
    public int Count { get; private set; }

    /// <summary>The first node, if any.</summary>
    public Node? First => first;

    /// <summary>The last node, if any.</summary>
    public Node? Last => last;

    /// <summary>Adds a node at the end.</summary>
    public void Add(Node node) => InsertAfter(last, node);

    /// <summary>Adds nodes at the end, in order.</summary>
    public void AddRange(IEnumerable<Node> nodes)
    {
        foreach (var node in nodes) Add(node);
    }

    /// <summary>Inserts <paramref name="node"/> right after <paramref name="anchor"/> (at the front when null).</summary>
    public void InsertAfter(Node? anchor, Node node)
    {
        Adopt(node);
        if (anchor is not null) CheckMember(anchor);
        node.Previous = anchor;
        node.Next = anchor is null ? first : anchor.Next;
        if (node.Next is not null) node.Next.Previous = node;
        else last = node;
        if (anchor is not null) anchor.Next = node;
        else first = node;
        Count++;
    }

    /// <summary>Inserts <paramref name="node"/> right before <paramref name="anchor"/>.</summary>
    public void InsertBefore(Node anchor, Node node)
    {
        CheckMember(anchor);
        InsertAfter(anchor.Previous, node);
    }

    /// <summary>
    /// Removes a node and disconnects its inputs. Its outputs must no longer be used
    /// by other nodes or be outputs of this graph.
    /// </summary>
    public void Remove(Node node)
    {
        CheckMember(node);
        foreach (var output in node.Outputs)
        {
            if (output.Uses.Count > 0 || output.IsOutputOf(owner))
                throw new InvalidOperationException($"Cannot remove {node}: its output '{output.Name}' is still used.");
        }
        node.ClearInputs();
        if (node.Previous is not null) node.Previous.Next = node.Next;
        else first = node.Next;
        if (node.Next is not null) node.Next.Previous = node.Previous;
        else last = node.Previous;
        node.Previous = null;
        node.Graph = null;
        Count--;
    }

    /// <inheritdoc/>
    public IEnumerator<Node> GetEnumerator()
    {
        for (var node = first; node is not null;)
        {
            yield return node;
            var next = node.Next;
            while (next is not null && next.Graph != owner) next = next.Next;
            node = next;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Adopt(Node node)
    {
        if (node.Graph is not null)
            throw new InvalidOperationException($"Node {node} already belongs to a graph.");
        node.Graph = owner;
    }

    private void CheckMember(Node node)
    {
        if (node.Graph != owner) throw new InvalidOperationException($"Node {node} is not in graph '{owner.Name}'.");
    }
}
