using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>
/// Einsum: each letter of the equation names one size; "..." stands for broadcast leading dims.
/// Without "->" the output is the ellipsis dims then the letters used once, in alphabetical order.
/// </summary>
internal static class EinsumRule
{
    public static void Register(IDictionary<string, ShapeRule> rules) => rules["Einsum"] = Einsum;

    private static void Einsum(NodeContext context)
    {
        string equation = context.String("equation", "").Replace(" ", "", StringComparison.Ordinal);
        var sides = equation.Split("->");
        if (sides.Length > 2) throw context.Fail($"equation '{equation}' has more than one '->'");
        var terms = sides[0].Split(',');
        if (terms.Length != context.InputCount)
            throw context.Fail($"equation '{equation}' has {terms.Length} operands but the node has {context.InputCount} inputs");

        var sizes = new Dictionary<char, Dim>();
        var uses = new Dictionary<char, int>();
        Shape? ellipsis = Shape.Scalar;
        for (int i = 0; i < terms.Length; i++)
        {
            if (context.InputShape(i) is not { } shape)
            {
                context.SetOutput(0, null);
                return;
            }
            string letters = terms[i].Replace("...", "", StringComparison.Ordinal);
            if (letters.Any(c => !char.IsAsciiLetter(c))) throw context.Fail($"equation term '{terms[i]}' has characters other than letters");
            bool hasEllipsis = letters.Length != terms[i].Length;
            if (letters.Length + (hasEllipsis ? 3 : 0) != terms[i].Length) throw context.Fail($"equation term '{terms[i]}' has more than one '...'");
            int ellipsisRank = shape.Rank - letters.Length;
            if (ellipsisRank < 0 || !hasEllipsis && ellipsisRank != 0)
                throw context.Fail($"equation term '{terms[i]}' does not match input {i} of shape {shape}");
            int start = hasEllipsis ? terms[i].IndexOf("...", StringComparison.Ordinal) : letters.Length;
            for (int k = 0; k < letters.Length; k++)
            {
                char letter = letters[k];
                var dim = shape[k < start ? k : k + ellipsisRank];
                uses[letter] = uses.GetValueOrDefault(letter) + 1;
                sizes[letter] = sizes.TryGetValue(letter, out var known)
                    ? DimMath.Broadcast(known, dim) ?? throw context.Fail($"letter '{letter}' stands for sizes {known} and {dim}")
                    : DimMath.Strip(dim);
            }
            if (hasEllipsis)
                ellipsis = Broadcasting.Shapes(context, [ellipsis, new Shape(shape.Skip(start).Take(ellipsisRank))]);
        }

        string output = sides.Length == 2
            ? sides[1]
            : "..." + new string(uses.Where(u => u.Value == 1).Select(u => u.Key).Order().ToArray());
        var dims = new List<Dim>();
        string outputLetters = output.Replace("...", "", StringComparison.Ordinal);
        int ellipsisAt = output.Contains("...", StringComparison.Ordinal) ? output.IndexOf("...", StringComparison.Ordinal) : -1;
        for (int k = 0; k <= outputLetters.Length; k++)
        {
            if (k == ellipsisAt) dims.AddRange(ellipsis!);
            if (k == outputLetters.Length) break;
            dims.Add(sizes.TryGetValue(outputLetters[k], out var dim) ? dim
                : throw context.Fail($"output letter '{outputLetters[k]}' appears in no operand"));
        }
        context.SetOutput(0, new Shape(dims));
    }
}
