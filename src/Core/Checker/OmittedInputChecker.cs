using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Checker;

/// <summary>
/// Reports node inputs left empty (an empty name) where the operator's schema does not make them optional:
/// a required input, or one of a variadic list. ONNX's own checker accepts an empty variadic input, but
/// ONNX Runtime dereferences it and dies of SIGSEGV (<c>Min(a, b, "")</c>), so OnnxKit refuses both.
/// </summary>
internal sealed class OmittedInputChecker(ProblemList problems)
{
    /// <summary>Checks the inputs of <paramref name="node"/> against <paramref name="schema"/>.</summary>
    public void Check(Node node, string path, OpSchema schema)
    {
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Inputs[i] is not null) continue;
            switch (NodeChecker.Formal(schema.Inputs, i))
            {
                case { Option: FormalParameterOption.Single } single:
                    problems.Error(path, ProblemCodes.RequiredIoMissing, $"input {i} ('{single.Name}') of {schema} is required but left empty.");
                    break;
                case { Option: FormalParameterOption.Variadic } variadic:
                    problems.Error(path, ProblemCodes.RequiredIoMissing,
                        $"input {i} (one of the variadic '{variadic.Name}') of {schema} is left empty; only optional inputs may be (ONNX Runtime crashes on an empty variadic input).");
                    break;
            }
        }
    }
}
