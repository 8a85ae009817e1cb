using OnnxKit.Ir;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Schemas;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// Merges several classifiers that take the same input into ONE model: each member's values,
/// nodes and weights keep their names behind the prefix <c>teacher{i}/</c>, all members read the
/// one shared input, every member's original outputs stay (prefixed), and the outputs
/// <c>logits</c> and <c>soft_targets</c> carry the (weighted) ensemble mean
/// (see <see cref="EnsembleCombine"/>).
/// </summary>
/// <remarks>
/// Opsets are reconciled by converting every member to the newest default-domain opset among
/// them with <see cref="OpsetConverter"/> (exact adapters only; a node with no exact equivalent
/// stops the merge, named); other domains must agree. The IR version is the newest of the
/// members' and at least what the opset needs.
/// </remarks>
public static class TeacherEnsemble
{
    /// <summary>The name prefix of member <paramref name="index"/> (0-based): <c>teacher1/</c>, <c>teacher2/</c>, ...</summary>
    public static string Prefix(int index) => $"teacher{index + 1}/";

    /// <summary>
    /// Merges <paramref name="members"/> (not modified; <paramref name="names"/> name them in
    /// messages) with the given weights (null: equal; otherwise one positive weight per member,
    /// normalized to sum to 1) at temperature <paramref name="temperature"/>.
    /// </summary>
    /// <exception cref="OnnxKitException">
    /// The members disagree on their input or classes, a weight is not positive, a member has no
    /// classifier head, or an opset cannot be reconciled; the message names the member.
    /// </exception>
    public static Model Merge(IReadOnlyList<Model> members, IReadOnlyList<string> names, EnsembleCombine combine, float temperature,
        IReadOnlyList<double>? weights = null)
    {
        if (members.Count < 2) throw new OnnxKitException("An ensemble needs at least two teachers.");
        if (names.Count != members.Count) throw new ArgumentException("Give one name per member.", nameof(names));
        var normalized = NormalizedWeights(weights, members.Count);
        for (int i = 0; i < members.Count; i++) DistillationOutputs.CheckOpset(members[i], names[i]);
        var opsets = ReconciledOpsets(members, names);
        long opset = opsets.Single(o => o.IsDefaultDomain).Version;
        var copies = members.Select((m, i) => AtOpset(m, names[i], opset)).ToArray();
        var inputs = copies.Select((m, i) => SingleInput(m, names[i])).ToArray();
        for (int i = 1; i < copies.Length; i++) CheckSameInput(inputs[0], names[0], inputs[i], names[i]);
        var heads = copies.Select((m, i) => ClassifierHead.Find(m, names[i])).ToArray();
        if (heads.FirstOrDefault(h => h.Classes != heads[0].Classes) is { } other)
        {
            int index = Array.IndexOf(heads, other);
            throw new OnnxKitException($"The teachers disagree on the classes: '{names[0]}' has {heads[0].Classes}, '{names[index]}' {other.Classes}.");
        }

        var shared = new Value(inputs[0].Name, inputs[0].Type);
        var graph = new Graph("teacher_ensemble");
        graph.Inputs.Add(shared);
        var logits = new Value[copies.Length];
        for (int i = 0; i < copies.Length; i++) logits[i] = CopyInto(graph, copies[i], inputs[i], shared, Prefix(i), names[i])[heads[i].Logits];
        var merged = new Model(graph, Math.Max(copies.Max(m => m.IrVersion), OpsetSupport.MinIrVersionForOpset((int)opset)), opsets)
        {
            ProducerName = "onnxkit distill-prep",
        };
        foreach (var copy in copies) merged.Functions.AddRange(copy.Functions);
        var duplicate = merged.Functions.GroupBy(f => (f.Domain, f.Name, f.Overload)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new OnnxKitException($"Two teachers define the local function '{duplicate.Key.Domain}.{duplicate.Key.Name}'; merge teachers whose functions are inlined or named apart.");

        if (combine == EnsembleCombine.Logits)
        {
            DistillationOutputs.Publish(merged, WeightedSum(graph, logits, normalized, "logits"), DistillationOutputs.Logits);
            new SoftTargetsPass(temperature).Run(merged, new PassContext());
        }
        else
        {
            var meanProbability = WeightedSum(graph, logits.Select((z, i) => Softmax(graph, z, 1f, $"ensemble/member{i + 1}_probabilities")).ToArray(), normalized, "probabilities");
            var log = new Node("", "Log", [meanProbability], [new Value("ensemble/log_probabilities", meanProbability.Type)], name: "ensemble/Log");
            graph.Nodes.Add(log);
            DistillationOutputs.Publish(merged, log.Outputs[0], DistillationOutputs.Logits);
            var soft = logits.Select((z, i) => Softmax(graph, z, temperature, $"ensemble/member{i + 1}_soft_targets")).ToArray();
            DistillationOutputs.Publish(merged, WeightedSum(graph, soft, normalized, "soft_targets"), DistillationOutputs.SoftTargets);
        }
        return merged;
    }

    /// <summary>The member weights normalized to sum to 1 (equal when <paramref name="weights"/> is null).</summary>
    /// <exception cref="OnnxKitException">The count is wrong or a weight is not positive and finite.</exception>
    public static double[] NormalizedWeights(IReadOnlyList<double>? weights, int count)
    {
        if (weights is null) return Enumerable.Repeat(1.0 / count, count).ToArray();
        if (weights.Count != count) throw new OnnxKitException($"Give one weight per teacher: {count} teachers, {weights.Count} weights.");
        foreach (double w in weights)
        {
            if (!(w > 0) || double.IsInfinity(w)) throw new OnnxKitException($"Teacher weights must be positive and finite; got {w}.");
        }
        double total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    private static Value SingleInput(Model model, string name)
    {
        var graph = model.Graph;
        var inputs = graph.Inputs.Where(i => !graph.Initializers.Contains(i.Name)).ToArray();
        return inputs.Length == 1 ? inputs[0] : throw new OnnxKitException($"'{name}' has {inputs.Length} inputs; an ensemble teacher takes one.");
    }

    private static void CheckSameInput(Value first, string firstName, Value other, string otherName)
    {
        bool same = first.TensorType is { } a && other.TensorType is { } b && a.ElementType == b.ElementType
            && (a.Shape is null || b.Shape is null || (a.Shape.Rank == b.Shape.Rank
                && a.Shape.Zip(b.Shape).All(d => d.First.Value is null || d.Second.Value is null || d.First.Value == d.Second.Value)));
        if (!same)
        {
            throw new OnnxKitException($"The teachers' inputs do not match: '{firstName}' takes '{first.Name}' {first.Type?.ToString() ?? "(untyped)"}, " +
                $"'{otherName}' takes '{other.Name}' {other.Type?.ToString() ?? "(untyped)"}; an ensemble shares one input.");
        }
    }

    private static List<OpsetImport> ReconciledOpsets(IReadOnlyList<Model> members, IReadOnlyList<string> names)
    {
        long target = members.Max(m => m.OpsetVersion("") ?? 0);
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal) { [""] = target };
        for (int i = 0; i < members.Count; i++)
        {
            foreach (var import in members[i].OpsetImports.Where(o => !o.IsDefaultDomain))
            {
                if (opsets.TryGetValue(import.Domain, out long version) && version != import.Version)
                    throw new OnnxKitException($"The teachers import domain '{import.Domain}' at different versions ({version} and {import.Version} in '{names[i]}').");
                opsets[import.Domain] = import.Version;
            }
        }
        return opsets.Select(o => new OpsetImport(o.Key, o.Value)).ToList();
    }

    /// <summary>A copy of <paramref name="member"/> at ai.onnx opset <paramref name="target"/>, converted by <see cref="OpsetConverter"/> when it imports an older one.</summary>
    /// <exception cref="OnnxKitException">A node has no exact equivalent at the target; the message names the member, the node and the reason.</exception>
    private static Model AtOpset(Model member, string name, long target)
    {
        long own = member.OpsetVersion("") ?? target;
        if (own == target) return member.Clone();
        try
        {
            return OpsetConverter.Convert(member, new ConvertOptions { TargetOpset = (int)target }).Model;
        }
        catch (ConversionException e)
        {
            throw new OnnxKitException($"Cannot merge '{name}' (opset {own}) with opset {target}: {e.Message}; export it at opset {target}.", e);
        }
    }

    /// <summary>
    /// Copies a member's weights and nodes into the merged graph under the prefix, reading the
    /// shared input, and adds its outputs; returns where each of the member's values went.
    /// </summary>
    private static Dictionary<Value, Value> CopyInto(Graph merged, Model member, Value input, Value shared, string prefix, string name)
    {
        var source = member.Graph;
        var copies = new Dictionary<Value, Value> { [input] = shared };
        var byName = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var initializer in source.Initializers)
        {
            var copy = merged.AddInitializer(prefix + initializer.Name, initializer.ConstValue!);
            copy.Type = initializer.Type;
            copies[initializer] = copy;
            byName.TryAdd(initializer.Name, copy);
        }
        foreach (var graphInput in source.Inputs.Where(i => i != input)) copies[graphInput] = byName[graphInput.Name];
        foreach (var node in source.Nodes)
        {
            if (node.Subgraphs().Any())
                throw new OnnxKitException($"'{name}' has control flow ({node.OpType} '{node.Name}'); teachers with subgraphs cannot be merged into an ensemble yet.");
            var inputs = node.Inputs.Select(v => v is null || v.Name.Length == 0 ? null
                : copies.TryGetValue(v, out var copy) ? copy
                : throw new OnnxKitException($"'{name}': node '{node.Name}' reads '{v.Name}', which nothing in the graph computes.")).ToArray();
            var outputs = node.Outputs.Select(o => new Value(o.Name.Length == 0 ? "" : prefix + o.Name, o.Type)).ToArray();
            var clone = new Node(node.Domain, node.OpType, inputs, outputs, node.Attributes, node.Name is { Length: > 0 } n ? prefix + n : null)
            {
                Overload = node.Overload,
                DocString = node.DocString,
            };
            merged.Nodes.Add(clone);
            for (int i = 0; i < outputs.Length; i++) copies[node.Outputs[i]] = outputs[i];
        }
        foreach (var output in source.Outputs) merged.Outputs.Add(copies[output]);
        return copies;
    }

    /// <summary>Σ wᵢ·termᵢ as Mul and Sum nodes named <c>ensemble/{name}</c>.</summary>
    private static Value WeightedSum(Graph graph, IReadOnlyList<Value> terms, double[] weights, string name)
    {
        var scaled = new List<Value>();
        for (int i = 0; i < terms.Count; i++)
        {
            var weight = graph.AddInitializer($"ensemble/{name}_weight{i + 1}", DenseTensor.FromFloats([(float)weights[i]], []));
            var mul = new Node("", "Mul", [terms[i], weight], [new Value($"ensemble/{name}_term{i + 1}", terms[i].Type)], name: $"ensemble/{name}_Mul{i + 1}");
            graph.Nodes.Add(mul);
            scaled.Add(mul.Outputs[0]);
        }
        var sum = new Node("", "Sum", scaled, [new Value($"ensemble/{name}", terms[0].Type)], name: $"ensemble/{name}_Sum");
        graph.Nodes.Add(sum);
        return sum.Outputs[0];
    }

    /// <summary>Softmax(z / T) over the class axis, as nodes named after <paramref name="name"/>.</summary>
    private static Value Softmax(Graph graph, Value logits, float temperature, string name)
    {
        var input = logits;
        if (temperature != 1f)
        {
            var t = graph.AddInitializer($"{name}_temperature", DenseTensor.FromFloats([temperature], []));
            var div = new Node("", "Div", [logits, t], [new Value($"{name}_scaled", logits.Type)], name: $"{name}_Div");
            graph.Nodes.Add(div);
            input = div.Outputs[0];
        }
        var softmax = new Node("", "Softmax", [input], [new Value(name, logits.Type)], [Ir.Attribute.Int("axis", 1)], $"{name}_Softmax");
        graph.Nodes.Add(softmax);
        return softmax.Outputs[0];
    }
}
