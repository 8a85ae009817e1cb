using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>RNN, GRU and LSTM: Y and the final hidden (and cell) states, in either layout.</summary>
internal static class RecurrentRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["RNN"] = Recurrent;
        rules["GRU"] = Recurrent;
        rules["LSTM"] = Recurrent;
    }

    /// <summary>
    /// Layout 0: X[seq, batch, input], Y[seq, dirs, batch, hidden], Y_h/Y_c[dirs, batch, hidden].
    /// Layout 1 (opset 14 on): X[batch, seq, input], Y[batch, seq, dirs, hidden], Y_h/Y_c[batch, dirs, hidden].
    /// </summary>
    private static void Recurrent(NodeContext context)
    {
        bool batchFirst = context.Opset >= 14 && context.Int("layout", 0) != 0;
        Dim directions = Dim.Of(context.String("direction", "forward") == "bidirectional" ? 2 : 1);
        Dim hidden = context.Attr("hidden_size") is { } size ? Dim.Of(size.AsInt())
            : context.InputShape(2) is { Rank: 3 } recurrence ? DimMath.Strip(recurrence[2])
            : Dim.Unknown();
        Dim sequence = Dim.Unknown(), batch = Dim.Unknown();
        if (context.InputShape(0) is { } input)
        {
            if (input.Rank != 3) throw context.Fail($"X must be 3-D, got {input}");
            (sequence, batch) = batchFirst ? (input[1], input[0]) : (input[0], input[1]);
            (sequence, batch) = (DimMath.Strip(sequence), DimMath.Strip(batch));
        }
        context.SetOutput(0, batchFirst ? new Shape(batch, sequence, directions, hidden) : new Shape(sequence, directions, batch, hidden));
        var state = batchFirst ? new Shape(batch, directions, hidden) : new Shape(directions, batch, hidden);
        for (int i = 1; i < context.OutputCount; i++) context.SetOutput(i, state);
    }
}
