using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Exporter.Lowering;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>max(0, x).</summary>
    public Value Relu(Value x) => Op("Relu", [x]);

    /// <summary>x for x ≥ 0, alpha·x otherwise.</summary>
    public Value LeakyRelu(Value x, float alpha) => Op("LeakyRelu", [x], Attribute.Float("alpha", alpha));

    /// <summary>x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
    public Value Elu(Value x, float alpha) => Op("Elu", [x], Attribute.Float("alpha", alpha));

    /// <summary>Scaled ELU with Keras's (and ONNX's) constants, written explicitly.</summary>
    public Value Selu(Value x) =>
        Op("Selu", [x], Attribute.Float("alpha", 1.67326324f), Attribute.Float("gamma", 1.05070098f));

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public Value Sigmoid(Value x) => Op("Sigmoid", [x]);

    /// <summary>max(0, min(1, alpha·x + beta)).</summary>
    public Value HardSigmoid(Value x, float alpha, float beta) =>
        Op("HardSigmoid", [x], Attribute.Float("alpha", alpha), Attribute.Float("beta", beta));

    /// <summary>x · max(0, min(1, x/6 + 1/2)); before opset 14, where HardSwish does not exist: x · HardSigmoid(x).</summary>
    public Value HardSwish(Value x) => Opset >= 14 ? Op("HardSwish", [x]) : Mul(x, HardSigmoid(x, 1f / 6, 0.5f));

    /// <summary>ln(1 + eˣ).</summary>
    public Value Softplus(Value x) => Op("Softplus", [x]);

    /// <summary>x · sigmoid(x) (swish, SiLU).</summary>
    public Value Swish(Value x) => Mul(x, Sigmoid(x));

    /// <summary>
    /// Clamps x to [min, max]; either bound may be omitted. Bounds are attributes before
    /// opset 11 and optional inputs from 11.
    /// </summary>
    public Value Clip(Value x, float? min, float? max)
    {
        if (Opset < 11)
        {
            var attributes = new List<Attribute>();
            if (min is float lo) attributes.Add(Attribute.Float("min", lo));
            if (max is float hi) attributes.Add(Attribute.Float("max", hi));
            return Op("Clip", [x], attributes.ToArray());
        }
        return Op("Clip", [x, min is float a ? Scalar(a) : null, max is float b ? Scalar(b) : null]);
    }

    /// <summary>
    /// Softmax over one axis of a tensor of rank <paramref name="rank"/> (batch included).
    /// Before opset 13 Softmax flattens the input to 2-D at its axis, which equals a per-axis
    /// softmax only for the last axis; another axis is moved last, normalized and moved back.
    /// </summary>
    public Value Softmax(Value x, int axis, int rank)
    {
        axis = NormalizeAxis(axis, rank);
        if (Opset >= 13) return Op("Softmax", [x], Attribute.Int("axis", axis));
        if (axis == rank - 1) return Op("Softmax", [x], Attribute.Int("axis", rank - 1));
        var swap = Enumerable.Range(0, rank).Select(i => (long)(i == axis ? rank - 1 : i == rank - 1 ? axis : i)).ToArray();
        var moved = Transpose(x, swap);
        var normalized = Op("Softmax", [moved], Attribute.Int("axis", rank - 1));
        return Transpose(normalized, swap);
    }

    /// <summary>
    /// GELU, exact (x·Φ(x)) or with the tanh approximation. Native from opset 20; before, the
    /// exact form is 0.5·x·(1 + erf(x/√2)), which needs Erf (opset 9), and the tanh form is
    /// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    /// </summary>
    public Value Gelu(Value x, bool approximate)
    {
        if (Opset >= 20) return Op("Gelu", [x], Attribute.String("approximate", approximate ? "tanh" : "none"));
        Value inner;
        if (approximate)
        {
            var cube = Mul(Mul(x, x), x);
            var poly = Add(x, Mul(cube, Scalar(0.044715f)));
            inner = Tanh(Mul(poly, Scalar((float)Math.Sqrt(2 / Math.PI))));
        }
        else
        {
            if (Opset < 9) throw Unsupported("Gelu", "exact GELU is 0.5·x·(1 + erf(x/√2)) and Erf does not exist before opset 9; use the tanh approximation for older opsets", 9);
            inner = Op("Erf", [Mul(x, Scalar((float)(1 / Math.Sqrt(2))))]);
        }
        return Mul(Mul(x, Scalar(0.5f)), Add(inner, Scalar(1f)));
    }

    private static int NormalizeAxis(int axis, int rank) =>
        axis < 0 ? axis + rank : axis;
}
