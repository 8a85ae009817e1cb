using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference;

/// <summary>
/// Runs an ONNX model with the pure-C# reference evaluator. Construction binds every node
/// (including subgraphs and model-local functions) to a kernel for the opset the model
/// imports, so an unsupported operator fails here, with an <see cref="UnsupportedFeatureException"/>
/// naming the operator, domain, opset and node. A session holds no per-run state: <c>Run</c>
/// may be called from several threads at once. The model must not be changed while the session is used.
/// The model first passes <see cref="ModelGuard"/>, and runs stay within its <see cref="ResourceLimits"/>:
/// a loop stops at <see cref="ResourceLimits.MaxLoopIterations"/>, stacked loop outputs at
/// <see cref="ResourceLimits.MaxTensorBytes"/>, and running out of memory is reported with the node.
/// </summary>
public sealed class ReferenceSession
{
    private readonly CompiledModel compiled;
    private readonly GraphExecutor executor;

    /// <summary>Prepares <paramref name="model"/> for running within <paramref name="limits"/> (the defaults when null).</summary>
    public ReferenceSession(Model model, ResourceLimits? limits = null)
    {
        limits ??= ResourceLimits.Default;
        ModelGuard.Require(model, limits, model.Graph.Name ?? "the model");
        compiled = GraphCompiler.Compile(model, KernelRegistry.Default);
        executor = new GraphExecutor(compiled, limits);
        Inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
    }

    /// <summary>The inputs a caller feeds: the graph inputs that are not initializers, in order.</summary>
    public IReadOnlyList<Value> Inputs { get; }

    /// <summary>The graph outputs, in order.</summary>
    public IReadOnlyList<Value> Outputs => compiled.Model.Graph.Outputs;

    /// <summary>Runs the model; <paramref name="inputs"/> are in the order of <see cref="Inputs"/>. Returns the outputs in order.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked between nodes).</exception>
    public IReadOnlyList<RuntimeValue> Run(IReadOnlyList<RuntimeValue> inputs, CancellationToken cancellation = default)
    {
        if (inputs.Count != Inputs.Count)
            throw new OnnxKitException($"The model takes {Inputs.Count} input(s) ({string.Join(", ", Inputs.Select(i => i.Name))}), got {inputs.Count}.");
        var byName = new Dictionary<string, RuntimeValue>();
        for (int i = 0; i < inputs.Count; i++) byName[Inputs[i].Name] = inputs[i];
        return RunCore(byName, cancellation);
    }

    /// <summary>Runs the model with inputs given by name. Returns the outputs by name.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked between nodes).</exception>
    public IReadOnlyDictionary<string, RuntimeValue> Run(IReadOnlyDictionary<string, RuntimeValue> inputs, CancellationToken cancellation = default)
    {
        var outputs = RunCore(inputs, cancellation);
        var result = new Dictionary<string, RuntimeValue>();
        for (int i = 0; i < outputs.Length; i++) result[Outputs[i].Name] = outputs[i];
        return result;
    }

    private RuntimeValue[] RunCore(IReadOnlyDictionary<string, RuntimeValue> inputs, CancellationToken cancellation)
    {
        foreach (string name in inputs.Keys)
        {
            if (!compiled.Model.Graph.Inputs.Any(v => v.Name == name))
                throw new OnnxKitException($"The model has no input named '{name}'.");
        }
        var graphInputs = compiled.Model.Graph.Inputs;
        var bound = new RuntimeValue?[graphInputs.Count];
        for (int i = 0; i < bound.Length; i++)
        {
            var declared = graphInputs[i];
            if (inputs.TryGetValue(declared.Name, out var value))
            {
                InputValidation.Check(declared, value);
                bound[i] = value;
            }
            else if (!compiled.Model.Graph.Initializers.Contains(declared.Name))
            {
                throw new OnnxKitException($"Input '{declared.Name}' ({declared.Type}) was not given.");
            }
        }
        return executor.Run(compiled.Main, bound, parent: null, functionAttributes: null, cancellation);
    }
}
