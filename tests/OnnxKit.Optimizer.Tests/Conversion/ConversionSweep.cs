using System.Globalization;
using System.Text;
using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Reference;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Tests.Conversion;

/// <summary>
/// The outcome of converting ONNX conformance cases to a set of opsets, tallied per target opset. Each case is
/// judged on the first backend (ONNX Runtime, then the reference evaluator) on which its original model gives
/// the case's expected outputs; a case neither reproduces is not a baseline and is left out. A conversion is
/// <i>verified</i> when the converted model passes the checker and gives the expected outputs on that backend,
/// <i>refused</i> when the converter says no exact equivalent exists, and <i>wrong</i> otherwise (invalid, does not
/// run, other outputs, or a crash). When a folder of models converted by onnx's version_converter is given
/// (written by benchmarks/convert-version-converter.py as CASE/OPSET.onnx, or CASE/OPSET.refused), those are judged
/// the same way, on the same cases and backends.
/// </summary>
internal sealed class ConversionSweep
{
    /// <summary>rtol 1e-3 / atol 1e-7 as the conformance README gives for float32, widened for float16 and bfloat16.</summary>
    private static readonly Tolerance CaseTolerance = Tolerance.OnnxDefault;

    private static readonly IBackend[] Judges = [Numerics.OnnxRuntime, new ReferenceBackend()];

    /// <summary>The newest opset onnx 1.12's version_converter knows, as source or target.</summary>
    public const int VersionConverterNewestOpset = 17;

    private readonly string? _versionConverterFolder;

    private ConversionSweep(string? versionConverterFolder) => _versionConverterFolder = versionConverterFolder;

    /// <summary>Cases whose original reproduces the expected outputs on some backend.</summary>
    public int Cases { get; private set; }

    /// <summary>Cases judged on the reference evaluator because ONNX Runtime does not run them or gives other outputs.</summary>
    public int JudgedByReference { get; private set; }

    /// <summary>Cases left out because they import no ai.onnx opset (ai.onnx.ml or training operators only): there is nothing to convert.</summary>
    public int NoDefaultOpset { get; private set; }

    /// <summary>Cases left out: non-tensor data, or no backend reproduces the expected outputs from the original.</summary>
    public int NotRunnable { get; private set; }

    /// <summary>OnnxKit's outcomes by target opset and direction (true: up).</summary>
    public SortedDictionary<Cell, Tally> Ours { get; } = [];

    /// <summary>version_converter's outcomes by target opset and direction (empty unless its folder was given).</summary>
    public SortedDictionary<Cell, Tally> VersionConverter { get; } = [];

    /// <summary>Every wrong conversion of OnnxKit's, named by case and target opset.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>OnnxKit's conversions that pass the checker but that neither backend runs, named by case and target opset.</summary>
    public List<string> Unrunnable { get; } = [];

    /// <summary>OnnxKit's refusals by operator and (generalized) reason.</summary>
    public SortedDictionary<string, int> Refusals { get; } = new(StringComparer.Ordinal);

    /// <summary>The names of the cases that were judged.</summary>
    public List<string> RunnableCases { get; } = [];

    /// <summary>Successful conversions OnnxKit checked, all opsets together.</summary>
    public int Converted => Ours.Values.Sum(t => t.Converted);

    /// <summary>Converts each case to each opset (other than its own) and judges the result.</summary>
    public static ConversionSweep Run(IReadOnlyList<string> cases, IReadOnlyList<int> opsets, string? versionConverterFolder = null)
    {
        var sweep = new ConversionSweep(versionConverterFolder);
        foreach (string path in cases) sweep.RunCase(path, opsets);
        return sweep;
    }

    private void RunCase(string path, IReadOnlyList<int> opsets)
    {
        string folder = Path.GetDirectoryName(path)!, name = Path.GetFileName(folder);
        var original = OnnxFile.Load(path);
        var inputs = Numerics.CaseInputs(folder, original);
        var expected = ExpectedOutputs(folder, original);
        if (original.OpsetVersion("") is null)
        {
            NoDefaultOpset++;
            return;
        }
        var judge = inputs is null || expected is null ? null : Judges.FirstOrDefault(b => Mismatch(b, original, inputs, expected, out _) is null);
        if (judge is null)
        {
            NotRunnable++;
            return;
        }
        Cases++;
        if (judge != Judges[0]) JudgedByReference++;
        RunnableCases.Add(name);
        long source = original.OpsetVersion("") ?? 0;
        foreach (int opset in opsets.Where(o => o != source))
        {
            ConvertAndJudge(name, original, opset, source, judge!, inputs!, expected!);
            JudgeVersionConverter(name, opset, source, judge!, inputs!, expected!);
        }
    }

    private void ConvertAndJudge(string name, Model original, int opset, long source, IBackend judge, List<(string Name, ITensor Tensor)> inputs, IReadOnlyList<ITensor> expected)
    {
        var ours = TallyOf(Ours, opset, source);
        ours.Tried++;
        Model converted;
        try
        {
            converted = OnnxFile.Load(OnnxFile.ToBytes(OpsetConverter.Convert(original, new ConvertOptions { TargetOpset = opset }).Model));
        }
        catch (ConversionException e)
        {
            ours.Refused++;
            string key = $"{(opset > source ? "up" : "down")}  {e.OpType}: {Generalize(e.Reason)}";
            Refusals[key] = Refusals.GetValueOrDefault(key) + 1;
            return;
        }
        catch (Exception e)
        {
            ours.Wrong++;
            Failures.Add($"{name} → {opset}: crashed: {e.GetType().Name}: {e.Message}");
            return;
        }
        ours.Converted++;
        if (Judge(converted, judge, inputs, expected, out bool unjudged) is not { } problem) ours.Verified++;
        else if (unjudged) { ours.Unjudged++; Unrunnable.Add($"{name} → {opset}: {problem}"); }
        else { ours.Wrong++; Failures.Add($"{name} → {opset}: {problem}"); }
    }

    /// <summary>Judges version_converter's model for the same case and opset, when one was written (opsets it covers only).</summary>
    private void JudgeVersionConverter(string name, int opset, long source, IBackend judge, List<(string Name, ITensor Tensor)> inputs, IReadOnlyList<ITensor> expected)
    {
        if (_versionConverterFolder is null) return;
        string stem = Path.Combine(_versionConverterFolder, name, opset.ToString(CultureInfo.InvariantCulture));
        bool written = File.Exists(stem + ".onnx");
        if (!written && !File.Exists(stem + ".refused")) return;
        var tally = TallyOf(VersionConverter, opset, source);
        tally.Tried++;
        if (!written) { tally.Refused++; return; }
        tally.Converted++;
        string? problem;
        bool unjudged = false;
        try
        {
            problem = Judge(OnnxFile.Load(stem + ".onnx"), judge, inputs, expected, out unjudged);
        }
        catch (OnnxKitException e)
        {
            problem = e.Message;
        }
        if (problem is null) tally.Verified++;
        else if (unjudged) tally.Unjudged++;
        else tally.Wrong++;
    }

    private static Tally TallyOf(SortedDictionary<Cell, Tally> tallies, int opset, long source)
    {
        var key = new Cell(opset, opset > source, source <= VersionConverterNewestOpset);
        if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
        return tally;
    }

    /// <summary>The tallies of <paramref name="tallies"/> that <paramref name="select"/> picks, added up.</summary>
    private static Tally Sum(SortedDictionary<Cell, Tally> tallies, Func<Cell, bool> select)
    {
        var sum = new Tally();
        foreach (var t in tallies.Where(t => select(t.Key)).Select(t => t.Value))
        {
            sum.Tried += t.Tried;
            sum.Converted += t.Converted;
            sum.Verified += t.Verified;
            sum.Refused += t.Refused;
            sum.Wrong += t.Wrong;
            sum.Unjudged += t.Unjudged;
        }
        return sum;
    }

    /// <summary>
    /// Null when <paramref name="converted"/> passes the checker and gives <paramref name="expected"/> on the case's backend, or,
    /// when that backend cannot load it (ONNX Runtime lacks some operator versions), on the reference evaluator; otherwise what
    /// went wrong. <paramref name="unjudged"/> is set when no backend runs it at all.
    /// </summary>
    private static string? Judge(Model converted, IBackend judge, List<(string Name, ITensor Tensor)> inputs, IReadOnlyList<ITensor> expected, out bool unjudged)
    {
        unjudged = false;
        if (ModelChecker.Check(converted) is { IsValid: false } report)
            return $"invalid: {report.Problems.First(p => p.Severity == CheckSeverity.Error)}";
        string? problem = Mismatch(judge, converted, inputs, expected, out bool ran);
        if (ran || judge == Judges[^1]) { unjudged = !ran; return problem; }
        string? second = Mismatch(Judges[^1], converted, inputs, expected, out ran);
        unjudged = !ran;
        return second is null ? null : $"{problem}; {second}";
    }

    /// <summary>Null when <paramref name="model"/> gives <paramref name="expected"/> on <paramref name="backend"/>; otherwise what went wrong.</summary>
    private static string? Mismatch(IBackend backend, Model model, List<(string Name, ITensor Tensor)> inputs, IReadOnlyList<ITensor> expected, out bool ran)
    {
        IReadOnlyList<ITensor> actual;
        ran = false;
        try
        {
            using var prepared = backend.Prepare(model);
            actual = Numerics.Run(prepared, inputs);
        }
        catch (Exception e) when (e is OnnxKitException or NotSupportedException or NotImplementedException or InvalidOperationException or ArgumentException)
        {
            return $"does not run on {backend.Name}: {e.Message}";
        }
        ran = true;
        for (int k = 0; k < expected.Count; k++)
        {
            var comparison = OutputComparer.Compare(model.Graph.Outputs[k].Name, expected[k], actual[k], CaseTolerance);
            if (!comparison.Passed) return $"on {backend.Name}: {comparison.Problem}";
        }
        return null;
    }

    /// <summary>The per-opset table (markdown), OnnxKit beside version_converter where it was judged, then the refusals.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        var all = Sum(Ours, _ => true);
        text.AppendLine(CultureInfo.InvariantCulture, $"{Cases} cases judged ({Cases - JudgedByReference} on ONNX Runtime, {JudgedByReference} on the reference evaluator), "
            + $"{NotRunnable} left out (non-tensor data, or no backend reproduces the expected outputs from the original), {NoDefaultOpset} import no ai.onnx opset");
        text.AppendLine(CultureInfo.InvariantCulture, $"OnnxKit: {all.Tried} conversions tried, {all.Converted} converted, {all.Verified} verified, {all.Refused} refused, {all.Wrong} wrong, "
            + $"{all.Unjudged} valid but run by neither backend");
        text.AppendLine();
        bool withVc = VersionConverter.Count > 0;
        text.AppendLine("| Target opset | Tried (up / down) | Converted | Verified | Refused | Wrong | Not run |" + (withVc ? " version_converter: converted | verified | refused | wrong | not run |" : ""));
        text.AppendLine("|---|---|---|---|---|---|---|" + (withVc ? "---|---|---|---|---|" : ""));
        foreach (int opset in Ours.Keys.Select(k => k.Opset).Distinct())
        {
            var t = Sum(Ours, k => k.Opset == opset);
            int up = Sum(Ours, k => k.Opset == opset && k.Up).Tried;
            text.Append(CultureInfo.InvariantCulture, $"| {opset} | {t.Tried} ({up} / {t.Tried - up}) | {t.Converted} | {t.Verified} | {t.Refused} | {t.Wrong} | {t.Unjudged} |");
            if (withVc)
            {
                var v = Sum(VersionConverter, k => k.Opset == opset);
                text.Append(v.Tried == 0 ? " — | — | — | — | — |" : string.Create(CultureInfo.InvariantCulture, $" {v.Converted} | {v.Verified} | {v.Refused} | {v.Wrong} | {v.Unjudged} |"));
            }
            text.AppendLine();
        }
        if (withVc)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Verified share on the same (case, target) pairs, targets 7-{VersionConverterNewestOpset}, by direction:");
            var judged = VersionConverter.Keys.ToHashSet();
            foreach (bool old in new[] { false, true })
            {
                foreach (bool up in new[] { true, false })
                {
                    var ours = Sum(Ours, k => k.Up == up && judged.Contains(k) && (!old || k.OldSource));
                    var theirs = Sum(VersionConverter, k => k.Up == up && (!old || k.OldSource));
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {(old ? $"cases written for opset ≤ {VersionConverterNewestOpset}" : "all cases")}, {(up ? "up" : "down")}: "
                        + $"OnnxKit {ours.Verified} of {ours.Tried} ({Share(ours)}), version_converter {theirs.Verified} of {theirs.Tried} ({Share(theirs)}; {theirs.Converted} converted, {theirs.Wrong} of them wrong)");
                }
            }
        }
        text.AppendLine();
        text.AppendLine("OnnxKit's refusals by direction, operator and reason:");
        foreach (var (key, count) in Refusals.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {count,5}  {key}");
        return text.ToString();
    }

    private static string Share(Tally t) => (100.0 * t.Verified / Math.Max(1, t.Tried)).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Generalize(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "'[^']*'|opset \\d+", m => m.Value.StartsWith('\'') ? "'…'" : m.Value);

    private static IReadOnlyList<ITensor>? ExpectedOutputs(string folder, Model model)
    {
        var outputs = new List<ITensor>();
        for (int k = 0; k < model.Graph.Outputs.Count; k++)
        {
            string file = Path.Combine(folder, "test_data_set_0", $"output_{k}.pb");
            if (model.Graph.Outputs[k].Type is not TensorType || !File.Exists(file)) return null;
            outputs.Add(TensorProtoFile.Read(file));
        }
        return outputs;
    }

    /// <summary>A cell of the tallies: the target opset, whether it is above the case's own, and whether the case's own is one version_converter knows.</summary>
    internal readonly record struct Cell(int Opset, bool Up, bool OldSource) : IComparable<Cell>
    {
        public int CompareTo(Cell other) => (Opset, Up, OldSource).CompareTo((other.Opset, other.Up, other.OldSource));
    }

    /// <summary>The outcomes of converting to one target opset.</summary>
    internal sealed class Tally
    {
        public int Tried { get; set; }
        public int Converted { get; set; }
        public int Verified { get; set; }
        public int Refused { get; set; }
        public int Wrong { get; set; }
        public int Unjudged { get; set; }
    }
}
