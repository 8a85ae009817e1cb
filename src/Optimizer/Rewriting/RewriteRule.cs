using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A declarative rewrite: patterns (alternative spellings of the same computation), the checks a
/// match must pass, and the replacement, written with the same operator vocabulary as the pattern.
/// A <see cref="PatternRewritePass"/> applies its rules at every node; see docs/writing-a-pass.md.
/// </summary>
/// <remarks>
/// <para>
/// Besides its own <see cref="Checks"/>, every match must cover its intermediates: each matched
/// node other than the root feeds only matched nodes and is no graph output (so removing the
/// pattern loses nothing), and the root's other outputs are unused.
/// </para>
/// <para>
/// <see cref="Patterns"/> are tried in order. When patterns have different roots (a longer one
/// extending a shorter one downstream, as LayerNormalization followed by a scale and a bias), list
/// the longest first: a match of a shorter pattern is left alone when a longer one matches further
/// down its chain of single consumers and covers it, so the longer one rewrites it when the pass
/// reaches that node.
/// </para>
/// </remarks>
public sealed class RewriteRule
{
    /// <summary>Creates a rule; set its patterns and replacement with the init properties.</summary>
    public RewriteRule(string name) => Name = name;

    /// <summary>The rule's name, in kebab-case (<c>gelu-erf</c>), for the trace.</summary>
    public string Name { get; }

    /// <summary>The patterns, tried in order (longest first where roots differ).</summary>
    public required IReadOnlyList<Pattern> Patterns { get; init; }

    /// <summary>A condition on the graph alone (its opset, say), tested before any matching; null when it holds, else the reason.</summary>
    public Func<GraphContext, string?>? Precondition { get; init; }

    /// <summary>The conditions a match must meet, in order; the first that fails gives the reason.</summary>
    public IReadOnlyList<MatchCheck> Checks { get; init; } = [];

    /// <summary>
    /// Builds what replaces <see cref="PatternMatch.Output"/> and returns it: new nodes through the
    /// builder (placed before the root, named from the root's output), or an existing value.
    /// </summary>
    public required Func<RewriteBuilder, PatternMatch, Value> Replacement { get; init; }

    /// <summary>True when some pattern's root has <paramref name="node"/>'s domain and op type.</summary>
    internal bool Anchors(Node node)
    {
        for (int i = 0; i < Patterns.Count; i++)
        {
            if (Patterns[i].RootAccepts(node)) return true;
        }
        return false;
    }

    /// <summary>
    /// Matches the rule at <paramref name="node"/> and rewrites the first accepted match; true when it
    /// rewrote. Otherwise <paramref name="declined"/> is why not, or null when the match was left to a
    /// longer pattern further down.
    /// </summary>
    internal bool Apply(Node node, GraphContext graph, out string? declined)
    {
        declined = Precondition?.Invoke(graph);
        if (declined is not null) return false;
        (bool Checks, string Reason)? best = null;
        for (int i = 0; i < Patterns.Count; i++)
        {
            if (!Patterns[i].RootAccepts(node)) continue;
            var matcher = Patterns[i].Matcher;
            if (matcher.Match(node, graph, Accept) is not { } match)
            {
                if (best is null || (matcher.FailedInChecks && !best.Value.Checks)) best = (matcher.FailedInChecks, matcher.Reason);
                continue;
            }
            if (IsCoveredByLongerMatch(i, match, graph)) return false;
            Rewrite(match);
            return true;
        }
        declined = best?.Reason ?? "no pattern is rooted at this operator";
        return false;
    }

    /// <summary>The rule's checks, after the ones every rewrite needs.</summary>
    private string? Accept(PatternMatch match)
    {
        for (int i = 0; i < match.Nodes.Count; i++)
        {
            var node = match.Nodes[i];
            if (!ReferenceEquals(node, match.Root) && !FeedsOnly(node, match.Nodes)) return "an intermediate is used outside the pattern";
        }
        for (int i = 0; i < match.Root.Outputs.Count; i++)
        {
            var output = match.Root.Outputs[i];
            if (!ReferenceEquals(output, match.Output) && (output.Uses.Count > 0 || output.IsGraphOutput)) return "another output of the root is used";
        }
        for (int i = 0; i < Checks.Count; i++)
        {
            if (Checks[i].Evaluate(match) is { } reason) return match.Graph.Model.Pass.Trace is null ? reason : $"{Checks[i].Name}: {reason}";
        }
        return null;
    }

    /// <summary>True when no output of <paramref name="node"/> is a graph output or read by a node outside <paramref name="nodes"/>.</summary>
    private static bool FeedsOnly(Node node, IReadOnlyList<Node> nodes)
    {
        foreach (var output in node.Outputs)
        {
            if (output.IsGraphOutput) return false;
            foreach (var use in output.Uses)
            {
                if (!nodes.Contains(use.Node)) return false;
            }
        }
        return true;
    }

    /// <summary>True when a pattern listed before <paramref name="index"/> matches further down the single-consumer chain and covers this match.</summary>
    private bool IsCoveredByLongerMatch(int index, PatternMatch match, GraphContext graph)
    {
        int reach = Patterns.Take(index).Select(p => p.NodeCount).DefaultIfEmpty(0).Max();
        var value = match.Output;
        for (int step = 0; step < reach; step++)
        {
            if (value.Uses.Count != 1 || value.IsGraphOutput || value.Uses[0].Node is not { } consumer || consumer.Graph != graph.Graph) return false;
            for (int j = 0; j < index; j++)
            {
                if (Patterns[j].RootAccepts(consumer)
                    && Patterns[j].Matcher.Match(consumer, graph, Accept) is { } longer && longer.Nodes.Contains(match.Root)) return true;
            }
            if (consumer.Outputs.Count == 0) return false;
            value = consumer.Outputs[0];
        }
        return false;
    }

    private void Rewrite(PatternMatch match)
    {
        var builder = new RewriteBuilder(match);
        var replacement = Replacement(builder, match);
        if (replacement.Producer is { } made && builder.Nodes.Contains(made))
        {
            made.Name ??= match.Root.Name;
            replacement.Type ??= match.Output.Type;
        }
        match.Graph.Replace(match.Output, replacement);
        match.Graph.RemoveIfUnused([.. match.Nodes]);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
