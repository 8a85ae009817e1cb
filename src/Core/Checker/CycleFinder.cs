using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>Finds a dependency cycle among the nodes of one graph, if there is one.</summary>
internal static class CycleFinder
{
    /// <summary>
    /// The positions of the nodes of one cycle, in data-flow order, or null when the nodes can be ordered
    /// topologically. A node depends on the producers of its inputs and of the outer values its subgraphs read.
    /// </summary>
    public static List<int>? Find(Graph graph)
    {
        var nodes = graph.Nodes.ToList();
        var index = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++) index[nodes[i]] = i;

        var dependencies = nodes.Select(node => Dependencies(node, index)).ToList();
        var dependents = nodes.Select(_ => new List<int>()).ToList();
        var waiting = new int[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            waiting[i] = dependencies[i].Count;
            foreach (int d in dependencies[i]) dependents[d].Add(i);
        }

        var ready = new Queue<int>(Enumerable.Range(0, nodes.Count).Where(i => waiting[i] == 0));
        var done = new bool[nodes.Count];
        while (ready.Count > 0)
        {
            int i = ready.Dequeue();
            done[i] = true;
            foreach (int next in dependents[i])
            {
                if (--waiting[next] == 0) ready.Enqueue(next);
            }
        }
        int start = Array.IndexOf(done, false);
        return start < 0 ? null : Trace(start, dependencies, done);
    }

    /// <summary>
    /// Walks back from a node left over by the topological sort: each such node depends on another
    /// left-over node, so the walk must revisit a node, closing a cycle.
    /// </summary>
    private static List<int> Trace(int start, List<HashSet<int>> dependencies, bool[] done)
    {
        var path = new List<int>();
        var onPath = new Dictionary<int, int>();
        int current = start;
        while (!onPath.ContainsKey(current))
        {
            onPath[current] = path.Count;
            path.Add(current);
            current = dependencies[current].First(d => !done[d]);
        }
        var cycle = path.GetRange(onPath[current], path.Count - onPath[current]);
        cycle.Reverse();
        return cycle;
    }

    private static HashSet<int> Dependencies(Node node, Dictionary<Node, int> index)
    {
        var result = new HashSet<int>();
        void Add(IEnumerable<Value?> inputs)
        {
            foreach (var input in inputs)
            {
                if (input?.Producer is { } producer && index.TryGetValue(producer, out int position)) result.Add(position);
            }
        }
        Add(node.Inputs);
        foreach (var subgraph in node.Subgraphs())
        {
            foreach (var inner in subgraph.AllNodes()) Add(inner.Inputs);
            Add(subgraph.Outputs);
        }
        return result;
    }
}
