using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Security;

namespace OnnxKit.Reference;

/// <summary>
/// Runs an ONNX model with the pure-C# reference evaluator on the evaluator's own values
/// (<see cref="RuntimeValue"/>); <see cref="ReferenceModelBackend"/> puts it behind the execution
/// contract. Construction binds every node (including subgraphs and model-local functions) to a
/// kernel for the opset the model imports, so an unsupported operator fails here, with an
/// <see cref="UnsupportedFeatureException"/> naming the operator, domain, opset and node. A session
/// holds no per-run state: <c>Run</c> may be called from several threads at once. The model must
/// not be changed while the session is used. The model first passes <see cref="ModelGuard"/>, and runs
/// stay within its <see cref="ResourceLimits"/>: a loop stops at <see cref="ResourceLimits.MaxLoopIterations"/>,
/// stacked loop outputs at <see cref="ResourceLimits.MaxTensorBytes"/>, and running out of memory is
/// reported with the node.
/// </summary>
public sealed class ReferenceSession
{
    private readonly CompiledModel compiled;
    private readonly GraphExecutor executor;

    /// <summary>
    /// Prepares <paramref name="model"/> for running within <paramref name="limits"/> (the defaults when null);
    /// <paramref name="name"/> names it in errors (the graph's name by default).
    /// </summary>
    public ReferenceSession(Model model, string? name = null, ResourceLimits? limits = null)
    {
        limits ??= ResourceLimits.Default;
        Name = name ?? model.Graph.Name ?? "<model>";
        ModelGuard.Require(model, limits, Name);
        compiled = GraphCompiler.Compile(model, KernelRegistry.Default);
        executor = new GraphExecutor(compiled, limits);
        Inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
        InputSpecs = Inputs.Select(Spec).ToList();
        OutputSpecs = Outputs.DistinctBy(v => v.Name).Select(Spec).ToList(); // an output listed twice is one value
    }

    /// <summary>The model's name in error messages.</summary>
    public string Name { get; }

    /// <summary>The inputs a caller feeds: the graph inputs that are not initializers, in order.</summary>
    public IReadOnlyList<Value> Inputs { get; }

    /// <summary>The graph outputs, in order.</summary>
    public IReadOnlyList<Value> Outputs => compiled.Model.Graph.Outputs;

    /// <summary>What <see cref="Inputs"/> accept, as the execution contract describes inputs (non-tensors have an undefined element type).</summary>
    public IReadOnlyList<TensorSpec> InputSpecs { get; }

    /// <summary>What <see cref="Outputs"/> hold, as the execution contract describes outputs.</summary>
    public IReadOnlyList<TensorSpec> OutputSpecs { get; }

    /// <summary>Runs the model; <paramref name="inputs"/> are in the order of <see cref="Inputs"/>. Returns the outputs in order.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked between nodes).</exception>
    public IReadOnlyList<RuntimeValue> Run(IReadOnlyList<RuntimeValue> inputs, CancellationToken cancellation = default)
    {
        if (inputs.Count != Inputs.Count)
            throw new OnnxKitException($"Model '{Name}' takes {Inputs.Count} input(s) ({string.Join(", ", Inputs.Select(i => i.Name))}), got {inputs.Count}.");
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
        var graphInputs = compiled.Model.Graph.Inputs;
        foreach (string name in inputs.Keys)
        {
            // From IR version 4 on, an initializer listed as a graph input is a default the caller may override.
            if (!graphInputs.Any(v => v.Name == name)) throw InputValidation.UnknownInput(Name, name, InputSpecs);
        }
        var bound = new RuntimeValue?[graphInputs.Count];
        for (int i = 0; i < bound.Length; i++)
        {
            var declared = graphInputs[i];
            if (inputs.TryGetValue(declared.Name, out var value))
            {
                Check(declared, value);
                bound[i] = value;
            }
            else if (!compiled.Model.Graph.Initializers.Contains(declared.Name))
            {
                throw InputValidation.MissingInput(Name, Spec(declared).ToString());
            }
        }
        return executor.Run(compiled.Main, bound, parent: null, functionAttributes: null, cancellation);
    }

    /// <summary>Checks a fed value against the graph's declaration of its input (the contract's rules, plus the kind of value).</summary>
    private void Check(Value declared, RuntimeValue value)
    {
        switch (declared.Type, value)
        {
            case (TensorType type, TensorValue tensor):
                InputValidation.CheckTensor(Name, new TensorSpec(declared.Name, type.ElementType, type.Shape), tensor.ElementType,
                    tensor.Shape.Select(d => (long)d).ToArray());
                break;
            case (TensorType, _):
            case (SequenceType, not SequenceValue):
            case (OptionalType, not OptionalValue):
                throw InputValidation.KindMismatch(Name, declared.Name, declared.Type, value.Describe());
        }
    }

    private static TensorSpec Spec(Value value) => value.Type switch
    {
        TensorType tensor => new TensorSpec(value.Name, tensor.ElementType, tensor.Shape),
        _ => new TensorSpec(value.Name, DataType.Undefined, null),
    };
}
