using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// The recurrent layers RNN, GRU and LSTM: forward, reverse and bidirectional, with the
/// activations attribute, clip, per-batch sequence_lens (steps past a sequence's end output zeros
/// and leave its state alone), GRU's linear_before_reset, LSTM's peepholes and input_forget, and the
/// batch-first layout (opset 14). Computed in double precision.
/// </summary>
internal static class RecurrentKernels
{
    private enum Cell
    {
        Rnn,
        Gru,
        Lstm,
    }

    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        // Opsets 1 and 3 differ from 7 by output_sequence (whether Y is optional; no effect on values) and,
        // for GRU-1, by lacking linear_before_reset (0, the default).
        r.Add("RNN", 1, 22, c => Recurrent(c, Cell.Rnn), computesInFloat32: true);
        r.Add("GRU", 1, 22, c => Recurrent(c, Cell.Gru), computesInFloat32: true);
        r.Add("LSTM", 1, 22, c => Recurrent(c, Cell.Lstm), computesInFloat32: true);
    }

    private static int Gates(Cell cell) => cell switch { Cell.Rnn => 1, Cell.Gru => 3, _ => 4 };

    private static string[] DefaultActivations(Cell cell) => cell switch
    {
        Cell.Rnn => ["Tanh"],
        Cell.Gru => ["Sigmoid", "Tanh"],
        _ => ["Sigmoid", "Tanh", "Tanh"],
    };

    private static void Recurrent(OpContext c, Cell cell)
    {
        bool batchFirst = c.Int("layout", 0) != 0;
        var x = c.Input(0);
        if (batchFirst) x = Gathering.Transpose(x, [1, 0, 2]);
        var w = ElementConverter.ToDoubles(c.Input(1));
        var r = ElementConverter.ToDoubles(c.Input(2));
        string direction = c.String("direction", "forward");
        int directions = direction == "bidirectional" ? 2 : 1, gates = Gates(cell);
        int hidden = c.Input(2).Rank == 3 ? c.Input(2).Dims[^1] : 0;
        if (c.Input(0).Rank != 3) throw new OnnxKitException($"X must have rank 3, got {c.Input(0).Describe()}.");
        int length = x.Dims[0], batch = x.Dims[1], inputSize = x.Dims[2];
        RequireShape(c, 1, "W", [directions, gates * hidden, inputSize]);
        RequireShape(c, 2, "R", [directions, gates * hidden, hidden]);
        if (c.Int("hidden_size", hidden) != hidden) throw new OnnxKitException($"hidden_size {c.Int("hidden_size", hidden)} does not match R's {hidden}.");
        RequireShape(c, 3, "B", [directions, 2 * gates * hidden]);
        RequireShape(c, 4, "sequence_lens", [batch]);
        int[] stateShape = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
        RequireShape(c, 5, "initial_h", stateShape);
        if (cell == Cell.Lstm)
        {
            RequireShape(c, 6, "initial_c", stateShape);
            RequireShape(c, 7, "P", [directions, 3 * hidden]);
        }
        var bias = c.OptionalInput(3) is { } b ? ElementConverter.ToDoubles(b) : new double[directions * 2 * gates * hidden];
        var lengths = c.OptionalInput(4) is { } sl ? KernelInputs.Longs(sl) : Enumerable.Repeat((long)length, batch).ToArray();
        var initialH = c.OptionalInput(5) is { } h0 ? ElementConverter.ToDoubles(batchFirst ? Gathering.Transpose(h0, [1, 0, 2]) : h0) : new double[directions * batch * hidden];
        var initialC = cell == Cell.Lstm && c.OptionalInput(6) is { } c0 ? ElementConverter.ToDoubles(batchFirst ? Gathering.Transpose(c0, [1, 0, 2]) : c0) : new double[directions * batch * hidden];
        var peepholes = cell == Cell.Lstm && c.OptionalInput(7) is { } p ? ElementConverter.ToDoubles(p) : new double[directions * 3 * hidden];
        var names = c.Strings("activations") ?? Enumerable.Repeat(DefaultActivations(cell), directions).SelectMany(a => a).ToArray();
        var alphas = c.Floats("activation_alpha") ?? [];
        var betas = c.Floats("activation_beta") ?? [];
        int perDirection = DefaultActivations(cell).Length;
        if (names.Length != perDirection * directions) throw new OnnxKitException($"activations lists {names.Length} functions; {perDirection * directions} are needed.");
        var functions = names.Select((name, i) => Activation(name, i < alphas.Length ? alphas[i] : null, i < betas.Length ? betas[i] : null)).ToArray();
        double? clip = c.FloatOrNull("clip");
        var settings = new Settings(cell, hidden, inputSize, batch, length, lengths, clip, c.Int("linear_before_reset", 0) != 0, c.Int("input_forget", 0) != 0);
        var input = ElementConverter.ToDoubles(x);
        var y = new double[length * directions * batch * hidden];
        var yH = new double[directions * batch * hidden];
        var yC = new double[directions * batch * hidden];
        for (int d = 0; d < directions; d++)
        {
            bool reverse = direction == "reverse" || d == 1;
            var weights = new DirectionWeights(
                w.AsSpan(d * gates * hidden * inputSize, gates * hidden * inputSize).ToArray(),
                r.AsSpan(d * gates * hidden * hidden, gates * hidden * hidden).ToArray(),
                bias.AsSpan(d * 2 * gates * hidden, 2 * gates * hidden).ToArray(),
                peepholes.AsSpan(d * 3 * hidden, 3 * hidden).ToArray(),
                functions.AsSpan(d * perDirection, perDirection).ToArray());
            var state = initialH.AsSpan(d * batch * hidden, batch * hidden).ToArray();
            var cellState = initialC.AsSpan(d * batch * hidden, batch * hidden).ToArray();
            Run(settings, weights, input, reverse, state, cellState, (t, bi, j, v) => y[((t * directions + d) * batch + bi) * hidden + j] = v);
            Array.Copy(state, 0, yH, d * batch * hidden, batch * hidden);
            Array.Copy(cellState, 0, yC, d * batch * hidden, batch * hidden);
        }
        var type = x.ElementType;
        var yTensor = new TensorValue(type, [length, directions, batch, hidden], ElementConverter.FromDoubles(y, type));
        var hTensor = new TensorValue(type, [directions, batch, hidden], ElementConverter.FromDoubles(yH, type));
        var cTensor = new TensorValue(type, [directions, batch, hidden], ElementConverter.FromDoubles(yC, type));
        if (batchFirst)
        {
            yTensor = Gathering.Transpose(yTensor, [2, 0, 1, 3]);
            hTensor = Gathering.Transpose(hTensor, [1, 0, 2]);
            cTensor = Gathering.Transpose(cTensor, [1, 0, 2]);
        }
        c.SetOutput(0, yTensor);
        c.SetOutput(1, hTensor);
        c.SetOutput(2, cTensor);
    }

    /// <summary>
    /// Checks optional or required input <paramref name="index"/> against the dims the operator's spec gives it
    /// (X's sequence length, batch and input size; the directions the direction attribute implies; R's hidden size),
    /// so a mismatch is an error naming the input rather than an index out of range inside the loops.
    /// </summary>
    private static void RequireShape(OpContext c, int index, string name, int[] expected)
    {
        if (c.OptionalInput(index) is not { } value) return;
        if (!value.Dims.AsSpan().SequenceEqual(expected))
            throw new OnnxKitException($"input {name} is {value.Describe()}; the spec needs shape {ShapeMath.Format(expected)} " +
                $"(direction '{c.String("direction", "forward")}', X {ShapeMath.Format(c.Input(0).Dims)}, R {ShapeMath.Format(c.Input(2).Dims)}).");
    }

    private sealed record Settings(Cell Cell, int Hidden, int InputSize, int Batch, int Length, long[] Lengths, double? Clip, bool LinearBeforeReset, bool InputForget);

    private sealed record DirectionWeights(double[] W, double[] R, double[] Bias, double[] Peepholes, Func<double, double>[] Functions);

    /// <summary>Runs one direction over the sequence, updating <paramref name="h"/> (and <paramref name="cellState"/>) in place and emitting each step's output.</summary>
    private static void Run(Settings s, DirectionWeights weights, double[] input, bool reverse, double[] h, double[] cellState, Action<int, int, int, double> emit)
    {
        int hidden = s.Hidden, gates = Gates(s.Cell);
        var xw = new double[gates * hidden];
        var hr = new double[gates * hidden];
        var next = new double[hidden];
        var update = new double[hidden];
        var reset = new double[hidden];
        for (int b = 0; b < s.Batch; b++)
        {
            int valid = (int)Math.Clamp(s.Lengths[b], 0, s.Length);
            for (int step = 0; step < valid; step++)
            {
                int t = reverse ? valid - 1 - step : step;
                var hb = h.AsSpan(b * hidden, hidden);
                for (int g = 0; g < gates * hidden; g++)
                {
                    double sx = weights.Bias[g], sh = weights.Bias[gates * hidden + g];
                    for (int k = 0; k < s.InputSize; k++) sx += input[(t * s.Batch + b) * s.InputSize + k] * weights.W[g * s.InputSize + k];
                    for (int k = 0; k < hidden; k++) sh += hb[k] * weights.R[g * hidden + k];
                    xw[g] = sx;
                    hr[g] = sh;
                }
                switch (s.Cell)
                {
                    case Cell.Rnn:
                        for (int j = 0; j < hidden; j++) next[j] = weights.Functions[0](Clip(xw[j] + hr[j], s.Clip));
                        break;
                    case Cell.Gru:
                        for (int j = 0; j < hidden; j++)
                        {
                            update[j] = weights.Functions[0](Clip(xw[j] + hr[j], s.Clip));
                            reset[j] = weights.Functions[0](Clip(xw[hidden + j] + hr[hidden + j], s.Clip));
                        }
                        for (int j = 0; j < hidden; j++)
                        {
                            double recurrent;
                            if (s.LinearBeforeReset) recurrent = reset[j] * hr[2 * hidden + j];
                            else
                            {
                                recurrent = weights.Bias[gates * hidden + 2 * hidden + j];
                                for (int k = 0; k < hidden; k++) recurrent += reset[k] * hb[k] * weights.R[(2 * hidden + j) * hidden + k];
                            }
                            double candidate = weights.Functions[1](Clip(xw[2 * hidden + j] + recurrent, s.Clip));
                            next[j] = (1 - update[j]) * candidate + update[j] * hb[j];
                        }
                        break;
                    case Cell.Lstm:
                        var cb = cellState.AsSpan(b * hidden, hidden);
                        for (int j = 0; j < hidden; j++)
                        {
                            double i = weights.Functions[0](Clip(xw[j] + hr[j] + weights.Peepholes[j] * cb[j], s.Clip));
                            double f = s.InputForget ? 1 - i : weights.Functions[0](Clip(xw[2 * hidden + j] + hr[2 * hidden + j] + weights.Peepholes[2 * hidden + j] * cb[j], s.Clip));
                            double candidate = weights.Functions[1](Clip(xw[3 * hidden + j] + hr[3 * hidden + j], s.Clip));
                            double newCell = f * cb[j] + i * candidate;
                            double o = weights.Functions[0](Clip(xw[hidden + j] + hr[hidden + j] + weights.Peepholes[hidden + j] * newCell, s.Clip));
                            next[j] = o * weights.Functions[2](newCell);
                            cb[j] = newCell;
                        }
                        break;
                }
                next.CopyTo(hb);
                for (int j = 0; j < hidden; j++) emit(t, b, j, next[j]);
            }
        }
    }

    private static double Clip(double v, double? clip) => clip is { } limit ? Math.Clamp(v, -limit, limit) : v;

    private static Func<double, double> Activation(string name, float? alpha, float? beta) => name.ToLowerInvariant() switch
    {
        "sigmoid" => v => 1 / (1 + Math.Exp(-v)),
        "tanh" => Math.Tanh,
        "relu" => v => Math.Max(v, 0),
        "affine" => v => (alpha ?? 1) * v + (beta ?? 0),
        "leakyrelu" => v => v < 0 ? (alpha ?? 0.01) * v : v,
        "thresholdedrelu" => v => v > (alpha ?? 1) ? v : 0,
        "scaledtanh" => v => (alpha ?? 1) * Math.Tanh((beta ?? 1) * v),
        "hardsigmoid" => v => Math.Clamp((alpha ?? 0.2) * v + (beta ?? 0.5), 0, 1),
        "elu" => v => v < 0 ? (alpha ?? 1) * (Math.Exp(v) - 1) : v,
        "softsign" => v => v / (1 + Math.Abs(v)),
        "softplus" => v => Math.Log(1 + Math.Exp(v)),
        _ => throw new UnsupportedFeatureException($"activation {name}", $"recurrent activation '{name}' is not supported."),
    };
}
