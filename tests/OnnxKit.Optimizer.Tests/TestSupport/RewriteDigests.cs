using System.Security.Cryptography;
using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>
/// Golden digests of what the declarative rewrite rules make of a set of models, so that a change to
/// the rewriter or to a rule that alters any graph is caught. Each line of a digest file is
/// <c>key input-sha256 output-sha256</c>: the key names the model (a conformance case, or a zoo model
/// at an opset), and the digests are of <see cref="OnnxFile.ToBytes"/> of the model before and after
/// <see cref="Passes"/> ran to a fixed point (names, attributes, initializers and node order all
/// count). Both are taken with the producer version cleared, since an export records the commit it
/// was built from there.
/// </summary>
/// <remarks>
/// The files were first written by the imperative implementations of these passes (before they moved
/// onto the pattern rewriter), so a match proves the move changed no graph. To regenerate after an
/// intended change, run the test that owns the file with <c>ONNXKIT_WRITE_REWRITE_DIGESTS=1</c>
/// (it then writes the file under the source tree instead of comparing) and review the diff: every
/// changed line is a model the change affects. A line whose input digest differs means the model
/// itself changed (new conformance data, a different export), not the rules.
/// </remarks>
public sealed class RewriteDigests
{
    /// <summary>Set to 1 to write the digest files instead of comparing against them.</summary>
    public const string WriteVariable = "ONNXKIT_WRITE_REWRITE_DIGESTS";

    /// <summary>The passes whose result is digested: the rules written on the pattern rewriter.</summary>
    public static readonly IReadOnlyList<string> Passes = ["remove-no-ops", "fuse-threshold-clip", "fuse-gelu", "fuse-layer-norm", "fuse-softmax"];

    private readonly string path;
    private readonly SortedDictionary<string, (string Input, string Output)> golden = new(StringComparer.Ordinal);
    private readonly object gate = new();

    /// <summary>Loads the digest file at <paramref name="path"/> (an absent file holds no digests).</summary>
    public RewriteDigests(string path)
    {
        this.path = path;
        if (!File.Exists(path)) return;
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] parts = line.Split(' ');
            golden[parts[0]] = (parts[1], parts[2]);
        }
    }

    /// <summary>True when the test run writes digests rather than comparing them.</summary>
    public static bool Writing => Environment.GetEnvironmentVariable(WriteVariable) == "1";

    /// <summary>
    /// Runs the rules on a copy of <paramref name="model"/> and compares the result with the golden
    /// digest for <paramref name="key"/> (or records it, when writing). Returns a problem, or null.
    /// </summary>
    public string? Check(string key, Model model)
    {
        var copy = model.Clone();
        copy.ProducerVersion = null;
        string input = Sha256(OnnxFile.ToBytes(copy)), output = OutputDigest(copy);
        lock (gate)
        {
            if (Writing)
            {
                golden[key] = (input, output);
                return null;
            }
            if (!golden.TryGetValue(key, out var expected)) return $"{key}: no golden digest (regenerate with {WriteVariable}=1)";
            if (expected.Input != input) return $"{key}: the input model changed since the digests were written (regenerate with {WriteVariable}=1)";
            return expected.Output == output ? null : $"{key}: the rewrite rules now give a different graph";
        }
    }

    /// <summary>When writing, saves every digest recorded so far (with those of keys not seen in this run).</summary>
    public void SaveIfWriting()
    {
        if (!Writing) return;
        lock (gate)
        {
            var lines = new List<string> { $"# key input-sha256 output-sha256 after: {string.Join(", ", Passes)}. See RewriteDigests.cs." };
            lines.AddRange(golden.Select(e => $"{e.Key} {e.Value.Input} {e.Value.Output}"));
            File.WriteAllLines(path, lines);
        }
    }

    /// <summary>The digest of the model after the rules, or of the exception they threw.</summary>
    private static string OutputDigest(Model model)
    {
        try
        {
            var result = ModelOptimizer.Optimize(model, new OptimizeOptions { Passes = Passes, Evaluator = null });
            return Sha256(OnnxFile.ToBytes(result.Model));
        }
        catch (Exception e)
        {
            return "error:" + e.GetType().Name;
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
