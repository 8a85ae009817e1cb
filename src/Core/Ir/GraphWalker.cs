namespace OnnxKit.Ir;

/// <summary>Recursive traversal of graphs and the subgraphs held by node attributes.</summary>
public static class GraphWalker
{
    /// <summary>The graph itself, then each subgraph depth-first in node order.</summary>
    public static IEnumerable<Graph> SelfAndSubgraphs(Graph graph)
    {
        yield return graph;
        foreach (var node in graph.Nodes)
        {
            foreach (var subgraph in node.Subgraphs())
            {
                foreach (var inner in SelfAndSubgraphs(subgraph)) yield return inner;
            }
        }
    }
}
