using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Verification;

namespace OnnxKit.Optimizer.Float16;

/// <summary>
/// Finds nodes that must stay in float32 for a float16 conversion to stay within a tolerance of the
/// original: starting from all convertible nodes kept in float32, it tries converting halves, then
/// quarters, and so on down to single nodes (a bisection in the manner of delta debugging), keeping
/// each step that still verifies. The result is a set no single node of which can be converted
/// without breaking the tolerance.
/// </summary>
public static class MixedPrecisionSearch
{
    /// <summary>The result: the nodes to keep (by <see cref="Float16Converter.NodeKey"/>) and how many conversions were tried.</summary>
    public sealed record Outcome(IReadOnlyList<string> Float32Nodes, int Trials, bool FullConversionFailed)
    {
        /// <summary>Input sets held out of the search and checked afterwards (<see cref="Verification.VerificationSettings.HeldOutInputSets"/>).</summary>
        public int HeldOutSets { get; init; }

        /// <summary>True when the first result (searched on the target backend and the search sets) missed on a second-opinion backend or the held-out sets, and the search ran again with every backend on every set.</summary>
        public bool SearchedAgain { get; init; }
    }

    /// <summary>A copy of <paramref name="model"/> converted with <paramref name="keep"/> (node keys) left in float32, as the search tries it.</summary>
    public static Model Candidate(Model model, Float16Options options, IEnumerable<string> keep)
    {
        var candidate = model.Clone();
        Float16Converter.Convert(candidate, options with { NodeBlockList = options.NodeBlockList.Union(keep).ToHashSet(StringComparer.Ordinal), MixedPrecision = null });
        return candidate;
    }

    /// <summary>
    /// Searches on copies of <paramref name="model"/>, judging each conversion with <paramref name="verifier"/>
    /// (which holds the original's outputs and the tolerance: a <see cref="ModelVerifier"/> for one backend,
    /// a <see cref="CrossBackendVerifier"/> when the result must hold on several).
    /// </summary>
    public static Outcome Find(Model model, Float16Options options, IPassVerifier verifier, CancellationToken cancellation = default)
    {
        int trials = 0;
        bool Passes(IEnumerable<string> keep)
        {
            cancellation.ThrowIfCancellationRequested();
            trials++;
            return verifier.Check(Candidate(model, options, keep)) is null;
        }

        if (Passes([])) return new Outcome([], trials, false);
        var probe = model.Clone();
        var report = Float16Converter.Convert(probe, options with { MixedPrecision = null });
        var keptAnyway = report.KeptNodes.Select(k => k.Node).ToHashSet(StringComparer.Ordinal);
        var keep = model.Graph.AllNodes()
            .Where(n => n.Inputs.Concat(n.Outputs).Any(v => Rewriting.ShapeFacts.ElementTypeOf(v) == DataType.Float))
            .Select(Float16Converter.NodeKey).Where(k => k.Length > 0 && !keptAnyway.Contains(k)).Distinct().ToList();
        for (int chunk = Math.Max(1, keep.Count / 2); ; chunk = Math.Max(1, chunk / 2))
        {
            bool shrunk = false;
            for (int start = 0; start < keep.Count;)
            {
                var without = keep.Take(start).Concat(keep.Skip(start + chunk)).ToList();
                if (Passes(without))
                {
                    keep = without;
                    shrunk = true;
                }
                else start += chunk;
            }
            if (chunk == 1 && !shrunk) break;
        }
        return new Outcome(keep, trials, true);
    }
}
