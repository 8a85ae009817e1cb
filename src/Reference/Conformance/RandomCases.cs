using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Reference.Conformance;

/// <summary>
/// The one rule by which a conformance case counts as random, and is skipped, on every backend: its
/// expected outputs came from a random generator's draws, which no other implementation reproduces. That
/// is the case when the model uses a random operator (Bernoulli, RandomNormal, ...), or a Dropout that
/// drops elements: training mode with a positive ratio, the mode and ratio read from the case's data or the
/// model's initializers (Dropout 12 on), or <c>is_test=0</c> (before opset 7). Dropout in training mode
/// with ratio 0 is the identity, deterministic, and compared like any other case.
/// </summary>
internal static class RandomCases
{
    /// <summary>Operators whose outputs are random.</summary>
    private static readonly HashSet<string> RandomOperators = ["Bernoulli", "RandomUniform", "RandomUniformLike", "RandomNormal", "RandomNormalLike", "Multinomial"];

    /// <summary>Why the case is random before any data is read (a random operator), or null.</summary>
    public static string? Reason(Model model) =>
        model.Graph.AllNodes().FirstOrDefault(n => n.IsDefaultDomain && RandomOperators.Contains(n.OpType)) is { } random
            ? $"uses {random.OpType}, whose outputs are random and cannot be compared with fixed expected values"
            : null;

    /// <summary>Why the case is random with the inputs of one data set (a Dropout that drops elements), or null.</summary>
    public static string? Reason(Model model, IReadOnlyDictionary<string, OnnxValue> fed)
    {
        long opset = model.OpsetImports.FirstOrDefault(o => o.IsDefaultDomain)?.Version ?? 1;
        foreach (var node in model.Graph.Nodes.Where(n => n.IsDefaultDomain && n.OpType == "Dropout"))
        {
            double ratio;
            bool training;
            if (opset >= 12)
            {
                ratio = node.Inputs.Count > 1 && node.Inputs[1] is { } r ? Scalar(r, fed) ?? 0.5 : 0.5;
                training = node.Inputs.Count > 2 && node.Inputs[2] is { } t && Scalar(t, fed) is double mode && mode != 0;
            }
            else
            {
                ratio = node.Attributes["ratio"]?.AsFloat() ?? 0.5;
                training = opset < 7 && (node.Attributes["is_test"]?.AsInt() ?? 0) == 0;
            }
            if (training && ratio > 0)
                return $"Dropout in training mode with ratio {ratio} drops random elements; its expected outputs cannot be reproduced";
        }
        return null;
    }

    /// <summary>The value of a one-element tensor fed to, or stored in, <paramref name="value"/>; null when unknown.</summary>
    private static double? Scalar(Value value, IReadOnlyDictionary<string, OnnxValue> fed) =>
        (fed.TryGetValue(value.Name, out var given) && given.Kind == OnnxValueKind.Tensor ? given.Tensor : value.ConstValue)
            is { ElementCount: 1 } tensor ? tensor.ToDoubleArray()[0] : null;
}
