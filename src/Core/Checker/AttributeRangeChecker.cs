using OnnxKit.Ir;
using OnnxKit.Schemas;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Checker;

/// <summary>
/// Checks the integer attributes of ai.onnx nodes against the ranges ONNX documents for them
/// (<see cref="AttributeRanges"/>): a negative number of heads, a zero group count or stride, a
/// negative pad. A reference to an attribute of the enclosing function is checked at each call, with
/// the value the call passes (<see cref="CheckCall"/>).
/// </summary>
internal sealed class AttributeRangeChecker(ProblemList problems)
{
    /// <summary>Checks the attributes <paramref name="node"/> sets itself (references are left to <see cref="CheckCall"/>).</summary>
    public void Check(Node node, string path)
    {
        if (!node.IsDefaultDomain) return;
        foreach (var attribute in node.Attributes)
        {
            if (attribute.RefAttributeName is null) CheckValue(node.OpType, attribute, attribute, path);
        }
    }

    /// <summary>
    /// Checks what the call <paramref name="call"/> passes to <paramref name="function"/>: every node of the
    /// function's body (and its subgraphs) whose attribute refers to a function attribute gets the call's value
    /// (or the function's default) checked against its own operator's range.
    /// </summary>
    public void CheckCall(Node call, string path, Function function)
    {
        foreach (var graph in GraphWalker.SelfAndSubgraphs(function.Body))
        {
            foreach (var inner in graph.Nodes)
            {
                if (!inner.IsDefaultDomain) continue;
                foreach (var attribute in inner.Attributes)
                {
                    if (attribute.RefAttributeName is not { } reference) continue;
                    var passed = call.Attributes[reference] ?? function.AttributeDefaults.Find(a => a.Name == reference);
                    if (passed is not null && passed.RefAttributeName is null) CheckValue(inner.OpType, attribute, passed, path);
                }
            }
        }
    }

    private void CheckValue(string opType, IrAttribute declared, IrAttribute value, string path)
    {
        if (AttributeRanges.Find(opType, declared.Name) is not { } range) return;
        string where = Locations.Attribute(path, value.Name);
        if (value.Type == AttributeType.Int && value.Value is long single && !range.Contains(single))
            Report(where, opType, declared.Name, range, $"is {single}");
        else if (value.Type == AttributeType.Ints && value.Value is long[] list)
        {
            int bad = Array.FindIndex(list, v => !range.Contains(v));
            if (bad >= 0) Report(where, opType, declared.Name, range, $"has {list[bad]} at position {bad}");
        }
    }

    private void Report(string where, string opType, string name, AttributeRange range, string actual) =>
        problems.Error(where, ProblemCodes.AttributeOutOfRange,
            $"attribute '{name}' of {opType} {actual}; it is {range.Meaning} and must be {range.Describe()}.");
}
