using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Matrix products: MatMul (numpy rules, 1-D operands included) and its quantized forms, and Gemm.</summary>
internal static class MatMulRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["MatMul"] = context => MatMul(context, 0, 1);
        rules["MatMulInteger"] = context => MatMul(context, 0, 1);
        rules["QLinearMatMul"] = context => MatMul(context, 0, 3);
        rules["Gemm"] = Gemm;
        rules["Det"] = Det;
    }

    private static void MatMul(NodeContext context, int leftIndex, int rightIndex)
    {
        if (context.InputShape(leftIndex) is not { } left || context.InputShape(rightIndex) is not { } right)
        {
            context.SetOutput(0, null);
            return;
        }
        context.SetOutput(0, Product(context, left, right));
    }

    /// <summary>
    /// The numpy matmul shape: a 1-D left operand is a row (its dim dropped from the result), a 1-D
    /// right operand a column; leading dims broadcast.
    /// </summary>
    public static Shape Product(NodeContext context, Shape left, Shape right)
    {
        if (left.Rank == 0 || right.Rank == 0) throw context.Fail($"MatMul operands must not be scalars, got {left} and {right}");
        Dim[] a = left.Rank == 1 ? [Dim.Of(1), left[0]] : [.. left];
        Dim[] b = right.Rank == 1 ? [right[0], Dim.Of(1)] : [.. right];
        if (a[^1].Value is long k1 && b[^2].Value is long k2 && k1 != k2)
            throw context.Fail($"inner dims differ: {left} × {right}");
        var batch = Broadcasting.Shapes(context, [new Shape(a[..^2]), new Shape(b[..^2])])!;
        var dims = new List<Dim>(batch);
        if (left.Rank > 1) dims.Add(DimMath.Strip(a[^2]));
        if (right.Rank > 1) dims.Add(DimMath.Strip(b[^1]));
        return new Shape(dims);
    }

    /// <summary>Y[M, N] = op(A)[M, K] · op(B)[K, N] (+ C broadcast onto it).</summary>
    private static void Gemm(NodeContext context)
    {
        var a = context.InputShape(0);
        var b = context.InputShape(1);
        if (a is { Rank: not 2 } || b is { Rank: not 2 }) throw context.Fail($"Gemm needs 2-D A and B, got {a} and {b}");
        bool transA = context.Int("transA", 0) != 0, transB = context.Int("transB", 0) != 0;
        Dim m = a is null ? Dim.Unknown() : a[transA ? 1 : 0];
        Dim n = b is null ? Dim.Unknown() : b[transB ? 0 : 1];
        if (a is not null && b is not null && a[transA ? 0 : 1].Value is long k1 && b[transB ? 1 : 0].Value is long k2 && k1 != k2)
            throw context.Fail($"inner dims differ: A {a}{(transA ? "ᵀ" : "")} × B {b}{(transB ? "ᵀ" : "")}");
        context.SetOutput(0, new Shape(DimMath.Strip(m), DimMath.Strip(n)));
    }

    /// <summary>Det: one determinant per trailing square matrix.</summary>
    private static void Det(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (input.Rank < 2) throw context.Fail($"Det needs at least 2 dims, got {input}");
        if (input[^1].Value is long rows && input[^2].Value is long columns && rows != columns)
            throw context.Fail($"Det needs square matrices, got {input}");
        context.SetOutput(0, new Shape(input.Take(input.Rank - 2)));
    }
}
