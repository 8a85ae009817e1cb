using System.Text.RegularExpressions;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;

namespace OnnxKit.Reference.Kernels.Text;

/// <summary>
/// String operators: StringConcat, StringSplit, StringNormalizer (case changes use the invariant
/// culture; the locale attribute is not consulted) and RegexFullMatch (.NET's non-backtracking
/// engine, which like RE2 runs in linear time and accepts the common RE2 syntax).
/// </summary>
internal static class StringKernels
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("StringConcat", 20, 20, StringConcat);
        r.Add("StringSplit", 20, 20, StringSplit);
        r.Add("StringNormalizer", 10, 10, StringNormalizer);
        r.Add("RegexFullMatch", 20, 20, RegexFullMatch);
    }

    private static void StringConcat(OpContext c)
    {
        var a = c.Input(0);
        var b = c.Input(1);
        var result = Broadcast.Map(a.Array<string>(), a.Dims, b.Array<string>(), b.Dims, out var dims, static (x, y) => x + y);
        c.SetOutput(0, new TensorValue(DataType.String, dims, result));
    }

    private static void StringSplit(OpContext c)
    {
        var x = c.Input(0);
        string delimiter = c.String("delimiter", "");
        long? maxSplit = c.IntOrNull("maxsplit");
        var parts = x.Array<string>().Select(s => Split(s, delimiter, maxSplit)).ToArray();
        int width = parts.Length == 0 ? 0 : parts.Max(p => p.Length);
        var substrings = new string[parts.Length * width];
        Array.Fill(substrings, "");
        for (int i = 0; i < parts.Length; i++) Array.Copy(parts[i], 0, substrings, i * width, parts[i].Length);
        c.SetOutput(0, new TensorValue(DataType.String, [.. x.Dims, width], substrings));
        c.SetOutput(1, new TensorValue(DataType.Int64, x.Dims, parts.Select(p => (long)p.Length).ToArray()));
    }

    /// <summary>Python's str.split: on runs of whitespace (trimmed) when the delimiter is empty, else on each delimiter.</summary>
    private static string[] Split(string s, string delimiter, long? maxSplit)
    {
        int limit = maxSplit is long m && m >= 0 ? (int)Math.Min(m + 1, int.MaxValue) : int.MaxValue;
        if (delimiter.Length == 0)
        {
            var words = Regex.Split(s.Trim(), @"\s+").Where(w => w.Length > 0).ToList();
            if (words.Count <= limit) return words.ToArray();
            var head = words.Take(limit - 1).ToList();
            var rest = s.TrimStart();
            foreach (var word in head) rest = rest[(rest.IndexOf(word, StringComparison.Ordinal) + word.Length)..].TrimStart();
            return [.. head, rest];
        }
        return s.Split(delimiter, limit);
    }

    private static void StringNormalizer(OpContext c)
    {
        var x = c.Input(0);
        var stopwords = c.Strings("stopwords") ?? [];
        bool caseSensitive = c.Int("is_case_sensitive", 0) != 0;
        string action = c.String("case_change_action", "NONE");
        var comparer = caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var kept = x.Array<string>().Where(s => !stopwords.Contains(s, comparer)).Select(s => action switch
        {
            "LOWER" => s.ToLowerInvariant(),
            "UPPER" => s.ToUpperInvariant(),
            "NONE" => s,
            _ => throw new OnnxKitException($"case_change_action '{action}' is not one of LOWER, UPPER, NONE."),
        }).ToArray();
        if (kept.Length == 0) kept = [""];
        int[] dims = x.Rank == 2 ? [1, kept.Length] : [kept.Length];
        c.SetOutput(0, new TensorValue(DataType.String, dims, kept));
    }

    private static void RegexFullMatch(OpContext c)
    {
        var x = c.Input(0);
        string pattern = c.Required("pattern").AsString();
        Regex regex;
        try
        {
            regex = new Regex($@"\A(?:{pattern})\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new UnsupportedFeatureException("regex syntax", $"pattern '{pattern}' is not supported by .NET's regex engine: {e.Message}");
        }
        c.SetOutput(0, new TensorValue(DataType.Bool, x.Dims, x.Array<string>().Select(s => regex.IsMatch(s)).ToArray()));
    }
}
