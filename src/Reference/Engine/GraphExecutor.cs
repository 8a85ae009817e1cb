using OnnxKit.Ir;
using OnnxKit.Security;

namespace OnnxKit.Reference.Engine;

/// <summary>Runs compiled graphs node by node, in order.</summary>
internal sealed class GraphExecutor
{
    private const string LocatedKey = "OnnxKit.Reference.Located";

    /// <summary>Creates an executor for <paramref name="model"/> that keeps runs within <paramref name="limits"/>.</summary>
    public GraphExecutor(CompiledModel model, ResourceLimits limits)
    {
        Model = model;
        Limits = limits;
    }

    /// <summary>The compiled model.</summary>
    public CompiledModel Model { get; }

    /// <summary>The limits kernels keep to (loop iterations, stacked output sizes).</summary>
    public ResourceLimits Limits { get; }

    /// <summary>
    /// Runs <paramref name="graph"/> with <paramref name="inputs"/> bound to its inputs in order (null
    /// leaves an input unbound, so an initializer of that name keeps its value) and returns its outputs.
    /// </summary>
    public RuntimeValue[] Run(CompiledGraph graph, IReadOnlyList<RuntimeValue?> inputs, Frame? parent,
        IReadOnlyDictionary<string, Ir.Attribute>? functionAttributes, CancellationToken cancellation)
    {
        var frame = new Frame(parent, functionAttributes, cancellation);
        foreach (var (value, tensor) in graph.Constants) frame.Set(value, tensor);
        for (int i = 0; i < inputs.Count && i < graph.Graph.Inputs.Count; i++)
        {
            if (inputs[i] is { } input) frame.Set(graph.Graph.Inputs[i], input);
        }
        foreach (var step in graph.Steps)
        {
            cancellation.ThrowIfCancellationRequested();
            RunStep(step, frame);
        }
        var outputs = new RuntimeValue[graph.Graph.Outputs.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            var output = graph.Graph.Outputs[i];
            outputs[i] = frame.Find(output)
                ?? throw new OnnxKitException($"{graph.Path}: output '{output.Name}' was never computed.");
        }
        return outputs;
    }

    private void RunStep(Step step, Frame frame)
    {
        var node = step.Node;
        var inputs = new RuntimeValue?[node.Inputs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (node.Inputs[i] is { } value)
                inputs[i] = frame.Find(value) ?? throw Located(new OnnxKitException($"{step.Path}: input '{value.Name}' has no value (not a graph input, initializer or earlier output)."));
        }
        RuntimeValue?[] outputs;
        try
        {
            outputs = step.Function is { } function ? CallFunction(step, function, inputs, frame) : RunKernel(step, inputs, frame);
        }
        catch (OutOfMemoryException) when (step.Function is null)
        {
            throw Located(new ResourceLimitException($"{step.Path}: ran out of memory computing the {node.OpType} node", "a smaller input or more memory"));
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException) && !e.Data.Contains(LocatedKey))
        {
            throw Located(e switch
            {
                ResourceLimitException => e,
                UnsupportedFeatureException u => new UnsupportedFeatureException(u.Feature, $"{step.Path}: {u.Message}"),
                OnnxKitException => new OnnxKitException($"{step.Path}: {e.Message}", e),
                _ => new OnnxKitException($"{step.Path}: {e.GetType().Name}: {e.Message}", e),
            });
        }
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            var output = node.Outputs[i];
            if (output.Name.Length == 0) continue;
            if (outputs[i] is not { } value)
                throw Located(new OnnxKitException($"{step.Path}: output {i} ('{output.Name}') was not produced."));
            frame.Set(output, value);
        }
        foreach (var released in step.ReleaseAfter) frame.Release(released);
    }

    private RuntimeValue?[] RunKernel(Step step, RuntimeValue?[] inputs, Frame frame)
    {
        var entry = step.Kernel!;
        DataType? narrow = entry.ComputesInFloat32 ? HalfPrecision.Widen(inputs) : null;
        var context = new OpContext(this, step, frame, inputs);
        entry.Run(context);
        var outputs = context.Outputs;
        if (narrow is { } type) HalfPrecision.Narrow(outputs, step.Node.Outputs, type);
        return outputs;
    }

    private RuntimeValue?[] CallFunction(Step step, Function function, RuntimeValue?[] inputs, Frame frame)
    {
        var attributes = new Dictionary<string, Ir.Attribute>();
        foreach (var fallback in function.AttributeDefaults) attributes[fallback.Name] = fallback;
        foreach (var attribute in step.Node.Attributes)
        {
            if (OpContext.Resolve(attribute, frame.FunctionAttributes) is { } resolved) attributes[attribute.Name] = resolved;
        }
        var outputs = Run(Model.FunctionBody(function), inputs, parent: null, attributes, frame.Cancellation);
        var result = new RuntimeValue?[step.Node.Outputs.Count];
        Array.Copy(outputs, result, Math.Min(outputs.Length, result.Length));
        return result;
    }

    private static Exception Located(Exception e)
    {
        e.Data[LocatedKey] = true;
        return e;
    }
}
