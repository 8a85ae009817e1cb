using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>Einsum (any equation, with ellipsis broadcasting, diagonals and implicit output) and Det.</summary>
internal static class LinearAlgebraKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Einsum", 12, 12, Einsum, computesInFloat32: true);
        r.Add("Det", 11, 22, Det, computesInFloat32: true);
    }

    private static void Einsum(OpContext c)
    {
        string equation = c.Required("equation").AsString().Replace(" ", "");
        var operands = Enumerable.Range(0, c.InputCount).Select(c.Input).ToArray();
        string[] sides = equation.Split("->");
        string[] terms = sides[0].Split(',');
        if (terms.Length != operands.Length) throw new OnnxKitException($"equation '{equation}' names {terms.Length} operands; the node has {operands.Length}.");
        int ellipsisRank = terms.Select((t, i) => t.Contains("...") ? operands[i].Rank - (t.Length - 3) : 0).DefaultIfEmpty(0).Max();
        string ellipsisLabels = new(Enumerable.Range(0, ellipsisRank).Select(i => (char)(0x100 + i)).ToArray());
        var labels = terms.Select((t, i) => Expand(t, operands[i].Rank, ellipsisLabels)).ToArray();
        string output;
        if (sides.Length > 1) output = sides[1].Replace("...", ellipsisLabels);
        else
        {
            var once = string.Concat(labels).GroupBy(ch => ch).Where(g => g.Count() == 1 && g.Key < 0x100).Select(g => g.Key).Order();
            output = ellipsisLabels + new string(once.ToArray());
        }
        var sizes = new Dictionary<char, int>();
        for (int i = 0; i < operands.Length; i++)
        {
            if (labels[i].Length != operands[i].Rank) throw new OnnxKitException($"term '{terms[i]}' does not match {operands[i].Describe()}.");
            for (int d = 0; d < labels[i].Length; d++)
            {
                int size = operands[i].Dims[d];
                if (!sizes.TryGetValue(labels[i][d], out int known) || known == 1) sizes[labels[i][d]] = size;
                else if (size != known && size != 1) throw new OnnxKitException($"label '{labels[i][d]}' has sizes {known} and {size}.");
            }
        }
        var summed = sizes.Keys.Where(ch => !output.Contains(ch)).ToArray();
        var all = output.ToCharArray().Concat(summed).ToArray();
        var dims = all.Select(ch => sizes.TryGetValue(ch, out int s) ? s : throw new OnnxKitException($"output label '{ch}' is not in any input.")).ToArray();
        var values = operands.Select(ElementConverter.ToDoubles).ToArray();
        var strides = operands.Select((op, i) =>
        {
            var own = ShapeMath.Strides(op.Dims);
            return all.Select(ch => Enumerable.Range(0, labels[i].Length).Where(d => labels[i][d] == ch && op.Dims[d] != 1).Sum(d => own[d])).ToArray();
        }).ToArray();
        int outCount = ShapeMath.Product(dims, 0, output.Length);
        int sumCount = ShapeMath.Product(dims, output.Length, dims.Length);
        var result = new double[outCount];
        var index = new int[all.Length];
        for (int o = 0; o < outCount; o++)
        {
            double total = 0;
            for (int s = 0; s < sumCount; s++)
            {
                WindowGeometry.Unravel(o * sumCount + s, dims, index);
                double product = 1;
                for (int i = 0; i < operands.Length; i++)
                {
                    int offset = 0;
                    for (int d = 0; d < all.Length; d++) offset += index[d] * strides[i][d];
                    product *= values[i][offset];
                }
                total += product;
            }
            result[o] = total;
        }
        var type = operands[0].ElementType;
        c.SetOutput(0, new TensorValue(type, dims[..output.Length], ElementConverter.FromDoubles(result, type)));
    }

    /// <summary>Replaces "..." in a term by the trailing ellipsis labels the operand's rank calls for.</summary>
    private static string Expand(string term, int rank, string ellipsisLabels)
    {
        int at = term.IndexOf("...", StringComparison.Ordinal);
        if (at < 0) return term;
        int count = rank - (term.Length - 3);
        return term[..at] + ellipsisLabels[^count..] + term[(at + 3)..];
    }

    private static void Det(OpContext c)
    {
        var x = c.Input(0);
        if (x.Rank < 2 || x.Dims[^1] != x.Dims[^2]) throw new OnnxKitException($"Det needs square matrices, got {x.Describe()}.");
        int n = x.Dims[^1], count = ShapeMath.Product(x.Dims, 0, x.Rank - 2);
        var values = ElementConverter.ToDoubles(x);
        var result = new double[count];
        var m = new double[n * n];
        for (int b = 0; b < count; b++)
        {
            Array.Copy(values, b * n * n, m, 0, n * n);
            double det = 1;
            for (int col = 0; col < n; col++)
            {
                int pivot = col;
                for (int row = col + 1; row < n; row++)
                {
                    if (Math.Abs(m[row * n + col]) > Math.Abs(m[pivot * n + col])) pivot = row;
                }
                if (m[pivot * n + col] == 0)
                {
                    det = 0;
                    break;
                }
                if (pivot != col)
                {
                    for (int k = 0; k < n; k++) (m[col * n + k], m[pivot * n + k]) = (m[pivot * n + k], m[col * n + k]);
                    det = -det;
                }
                det *= m[col * n + col];
                for (int row = col + 1; row < n; row++)
                {
                    double factor = m[row * n + col] / m[col * n + col];
                    for (int k = col; k < n; k++) m[row * n + k] -= factor * m[col * n + k];
                }
            }
            result[b] = det;
        }
        c.SetOutput(0, new TensorValue(x.ElementType, x.Dims[..^2], ElementConverter.FromDoubles(result, x.ElementType)));
    }
}
