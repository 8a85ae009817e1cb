using System.Text.RegularExpressions;
using OnnxKit.Schemas;
using OnnxKit.ShapeInference.Rules;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>The rule table names real operators, and the documentation lists exactly those with a rule.</summary>
public sealed class RuleTableTests
{
    [Fact]
    public void EveryRuleIsForAnAiOnnxOperator()
    {
        var known = OpSchemaRegistry.Default.OpNames("").ToHashSet(StringComparer.Ordinal);
        var unknown = RuleTable.Operators.Where(op => !known.Contains(op)).ToList();
        Assert.True(unknown.Count == 0, $"rules for operators ai.onnx does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void TheDocumentationNamesEveryOperatorWithARuleAndTheRestAsUncovered()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "shape-inference.md"));
        string covered = doc[doc.IndexOf("## Operators with a shape rule", StringComparison.Ordinal)..doc.IndexOf("Without a shape rule", StringComparison.Ordinal)];
        string uncovered = doc[doc.IndexOf("Without a shape rule", StringComparison.Ordinal)..doc.IndexOf("## How it is checked", StringComparison.Ordinal)];
        var named = Regex.Matches(covered, @"\b[A-Z][A-Za-z0-9]+\b").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var missing = RuleTable.Operators.Where(op => !named.Contains(op)).ToList();
        Assert.True(missing.Count == 0, $"operators with a rule that the documentation does not list: {string.Join(", ", missing)}");

        var withoutRule = OpSchemaRegistry.Default.OpNames("").Except(RuleTable.Operators).ToList();
        Assert.All(withoutRule, op => Assert.Matches($@"\b{op}\b", uncovered));
    }
}
