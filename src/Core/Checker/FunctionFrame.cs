using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>The model-local function whose body (or a subgraph inside it) is being checked.</summary>
internal sealed class FunctionFrame
{
    public FunctionFrame(Function function, string path, OpsetTable opsets, HashSet<string> attributeNames)
    {
        Function = function;
        Path = path;
        Opsets = opsets;
        AttributeNames = attributeNames;
    }

    public Function Function { get; }

    /// <summary>The function's location, e.g. <c>functions[0]</c>.</summary>
    public string Path { get; }

    /// <summary>The function's own opset imports, which its body's nodes use.</summary>
    public OpsetTable Opsets { get; }

    /// <summary>The attributes the function declares, with or without defaults.</summary>
    public HashSet<string> AttributeNames { get; }
}
