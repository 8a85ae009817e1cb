using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// Checks that candidate models compute what an original model computes: the original runs once
/// per input set (its outputs are kept), each candidate runs on the same inputs and the same
/// backend, and every output is compared within a <see cref="Tolerance"/> by <see cref="OutputComparer"/>. As an <see cref="IPassVerifier"/> it lets a pipeline
/// undo a pass whose result disagrees.
/// </summary>
public sealed class ModelVerifier : IPassVerifier
{
    private readonly IBackend backend;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, ITensor>>? expected;
    private readonly string[] outputNames;
    private readonly string? originalFailure;
    private readonly CancellationToken cancellationToken;

    /// <summary>
    /// Runs <paramref name="original"/> on <paramref name="inputSets"/> now and keeps its outputs to compare against;
    /// <paramref name="cancellationToken"/> stops this run and every later verification run (Ctrl+C).
    /// </summary>
    public ModelVerifier(Model original, IBackend backend, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets, Tolerance tolerance,
        CancellationToken cancellationToken = default)
    {
        this.backend = backend;
        this.cancellationToken = cancellationToken;
        this.inputSets = inputSets;
        Tolerance = tolerance;
        outputNames = original.Graph.Outputs.Select(o => o.Name).ToArray();
        inputShapes = inputSets.Count == 0 ? [] : inputSets[0].Select(p => $"{p.Key}={(p.Value.Dims.Count == 0 ? "scalar" : string.Join("x", p.Value.Dims))}").ToArray();
        try
        {
            expected = backend.RunEach(original, inputSets, cancellationToken);
            caveats = outputNames.Select(name => Degenerate(name, expected.Select(set => set[name]).ToList())).OfType<string>().ToArray();
        }
        catch (OnnxKitException e)
        {
            originalFailure = $"the original model does not run on {backend.Name}: {e.Message}";
        }
    }

    private readonly string[] inputShapes;
    private readonly string[] caveats = [];

    private ModelVerifier(ModelVerifier source, Tolerance tolerance)
    {
        backend = source.backend;
        cancellationToken = source.cancellationToken;
        inputSets = source.inputSets;
        expected = source.expected;
        outputNames = source.outputNames;
        originalFailure = source.originalFailure;
        inputShapes = source.inputShapes;
        caveats = source.caveats;
        Tolerance = tolerance;
    }

    /// <summary>This verifier holding candidates to <paramref name="tolerance"/> instead, on the original's outputs already computed (it does not run again).</summary>
    public ModelVerifier WithTolerance(Tolerance tolerance) => new(this, tolerance);

    /// <summary>The tolerance outputs are held to.</summary>
    public Tolerance Tolerance { get; }

    /// <summary>The backend the original and the candidates run on.</summary>
    public IBackend Backend => backend;

    /// <summary>True when the original ran, so candidates can be judged.</summary>
    public bool CanVerify => originalFailure is null;

    /// <summary>
    /// Runs <paramref name="candidate"/> and compares each of the original's outputs with the
    /// candidate's. The candidate must list the original outputs first, in order; outputs it adds
    /// after them (explicit passes such as distillation prep expose tensors) are not compared.
    /// </summary>
    public VerificationResult Verify(Model candidate)
    {
        if (originalFailure is not null) return Result([], originalFailure);
        var candidateNames = candidate.Graph.Outputs.Select(o => o.Name).ToArray();
        if (!candidateNames.Take(outputNames.Length).SequenceEqual(outputNames) || candidateNames.Length < outputNames.Length)
        {
            var renamed = new OutputComparison(string.Join(",", candidateNames), 0, 0, 0, 0, $"the outputs changed from ({string.Join(", ", outputNames)})");
            return Result([renamed]);
        }
        IReadOnlyList<IReadOnlyDictionary<string, ITensor>> actual;
        try
        {
            actual = backend.RunEach(candidate, inputSets, cancellationToken);
        }
        catch (OnnxKitException e)
        {
            var failed = new OutputComparison("*", 0, 0, 0, 0, $"the optimized model does not run: {e.Message}");
            return Result([failed]);
        }
        var outputs = outputNames.Select(name => OutputComparer.Compare(name,
            expected!.Select(set => set[name]).ToList(), actual.Select(set => set[name]).ToList(), Tolerance)).ToList();
        return Result(outputs);
    }

    private VerificationResult Result(IReadOnlyList<OutputComparison> outputs, string? notRunBecause = null) =>
        new(backend.Name, inputSets.Count, Tolerance, outputs, notRunBecause) { InputShapes = inputShapes, Caveats = caveats };

    /// <summary>
    /// Why agreement on output <paramref name="name"/> says little: the original gives NaN everywhere, or one value
    /// on every element of every input set (e.g. all zeros: inputs too small or unrealistic for the model); else null.
    /// </summary>
    internal static string? Degenerate(string name, IReadOnlyList<ITensor> values)
    {
        if (values.Any(v => v.DataType is DataType.String or DataType.Undefined)) return null;
        double[] all = values.SelectMany(v => v.ToDoubleArray()).ToArray();
        if (all.Length < 2) return null;
        if (all.All(double.IsNaN)) return $"output '{name}' is NaN everywhere on the verification inputs";
        double first = all[0];
        if (!all.All(v => v.Equals(first))) return null;
        return first == 0 ? $"output '{name}' is all zeros on the verification inputs" : $"output '{name}' is constant ({first:G6}) on the verification inputs";
    }

    /// <inheritdoc/>
    string? IPassVerifier.Check(Model candidate)
    {
        if (!CanVerify) return null;
        var result = Verify(candidate);
        return result.Passed ? null : result.Summary;
    }
}
