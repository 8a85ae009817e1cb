using System.Globalization;
using OnnxKit.Schemas;

namespace OnnxKit.OpsetTests;

/// <summary>
/// The opsets the matrix runs: all supported ones (7–28), or those named by the
/// <c>ONNXKIT_TEST_OPSETS</c> environment variable (as tf2onnx's <c>TF2ONNX_TEST_OPSET</c>),
/// a comma-separated list of opsets and ranges: <c>13,17</c> or <c>7-12,18</c>.
/// </summary>
internal static class OpsetSelection
{
    public const string Variable = "ONNXKIT_TEST_OPSETS";

    public static IReadOnlyList<int> FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static IReadOnlyList<int> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Enumerable.Range(OpsetSupport.MinOpset, OpsetSupport.MaxOpset - OpsetSupport.MinOpset + 1).ToArray();
        var opsets = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new ArgumentException($"{Variable}='{text}': '{part}' is not an opset or a range like 7-12.");
            int low = int.Parse(bounds[0], CultureInfo.InvariantCulture), high = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (low > high || low < OpsetSupport.MinOpset || high > OpsetSupport.MaxOpset)
                throw new ArgumentException($"{Variable}='{text}': '{part}' is outside the supported opsets {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.");
            for (int opset = low; opset <= high; opset++) opsets.Add(opset);
        }
        return opsets.ToArray();
    }
}
