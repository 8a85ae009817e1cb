using OnnxKit.Ir;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Tests.Numerics;

public sealed class SmallFloatEncoderTests
{
    public static TheoryData<DataType> Formats => [DataType.Float8E4M3FN, DataType.Float8E4M3FNUZ, DataType.Float8E5M2, DataType.Float8E5M2FNUZ];

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryFiniteCodeDecodedByCoreEncodesBackToItself(DataType type)
    {
        for (int code = 0; code < 256; code++)
        {
            float value = Float8.ToSingle(type, (byte)code);
            if (!float.IsFinite(value)) continue;
            byte encoded = SmallFloatEncoder.Encode(type, value, saturate: true);
            // −0 has no code of its own in the FNUZ formats; it encodes as +0.
            if (value == 0) Assert.Equal(0f, Float8.ToSingle(type, encoded));
            else Assert.Equal(code, encoded);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ValuesBetweenCodesRoundToTheNearestAndTiesToEven(DataType type)
    {
        var finite = Enumerable.Range(0, 128).Select(code => Float8.ToSingle(type, (byte)code)).Where(float.IsFinite).Distinct().Order().ToArray();
        for (int i = 0; i + 1 < finite.Length; i++)
        {
            double low = finite[i], high = finite[i + 1];
            Assert.Equal(low, Float8.ToSingle(type, SmallFloatEncoder.Encode(type, low + (high - low) * 0.25, true)));
            Assert.Equal(high, Float8.ToSingle(type, SmallFloatEncoder.Encode(type, low + (high - low) * 0.75, true)));
            byte tie = SmallFloatEncoder.Encode(type, (low + high) / 2, true);
            Assert.Equal(0, tie & 1);
        }
    }

    [Fact]
    public void OutOfRangeValuesSaturateOrBecomeNaNOrInfinityByFormat()
    {
        Assert.Equal(448f, Float8.ToSingle(DataType.Float8E4M3FN, SmallFloatEncoder.Encode(DataType.Float8E4M3FN, 1e6, saturate: true)));
        Assert.True(float.IsNaN(Float8.ToSingle(DataType.Float8E4M3FN, SmallFloatEncoder.Encode(DataType.Float8E4M3FN, 1e6, saturate: false))));
        Assert.Equal(float.NegativeInfinity, Float8.ToSingle(DataType.Float8E5M2, SmallFloatEncoder.Encode(DataType.Float8E5M2, double.NegativeInfinity, saturate: false)));
        Assert.Equal(-57344f, Float8.ToSingle(DataType.Float8E5M2, SmallFloatEncoder.Encode(DataType.Float8E5M2, double.NegativeInfinity, saturate: true)));
        Assert.Equal(6f, Float8.Float4E2M1ToSingle(SmallFloatEncoder.Encode(DataType.Float4E2M1, 100, saturate: false)));
        Assert.Equal(0x80, SmallFloatEncoder.Encode(DataType.Float8E4M3FNUZ, double.NaN, saturate: true));
    }

    [Fact]
    public void E8M0RoundsTheExponentAsAsked()
    {
        // 3 = 1.5·2¹: up → 2² (code 129), down → 2¹ (128), nearest → 2² (ties round up).
        Assert.Equal(129, SmallFloatEncoder.Encode(DataType.Float8E8M0, 3, true, "up"));
        Assert.Equal(128, SmallFloatEncoder.Encode(DataType.Float8E8M0, 3, true, "down"));
        Assert.Equal(129, SmallFloatEncoder.Encode(DataType.Float8E8M0, 3, true, "nearest"));
        Assert.Equal(128, SmallFloatEncoder.Encode(DataType.Float8E8M0, 2.5, true, "nearest"));
    }
}
