using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Reference.Tests.Values;

public sealed class TensorValueTests
{
    [Fact]
    public void SubByteIntegersUnpackAndPackAsOnnxLaysThemOut()
    {
        // int4: two per byte, first element in the low nibble: [1, -2, 7] → 0xE1, 0x07.
        var packed = new DenseTensor(DataType.Int4, [3], new byte[] { 0xE1, 0x07 });
        var value = TensorValue.FromTensor(packed);
        Assert.Equal([(sbyte)1, -2, 7], value.AsSpan<sbyte>().ToArray());
        Assert.Equal(new byte[] { 0xE1, 0x07 }, value.ToTensor().GetRawData().ToArray());

        var uint2 = TensorValue.FromTensor(new DenseTensor(DataType.UInt2, [5], new byte[] { 0b11_10_01_00, 0b01 }));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 1 }, uint2.AsSpan<byte>().ToArray());
    }

    [Fact]
    public void BoolsStringsAndHalfsRoundTrip()
    {
        var bools = TensorValue.FromTensor(new DenseTensor(DataType.Bool, [3], new byte[] { 0, 1, 2 }));
        Assert.Equal([false, true, true], bools.AsSpan<bool>().ToArray());
        Assert.Equal(new byte[] { 0, 1, 1 }, bools.ToTensor().GetRawData().ToArray());

        var strings = TensorValue.FromTensor(StringTensor.FromStrings(["a", "ü"], [2]));
        var back = (StringTensor)strings.ToTensor();
        Assert.Equal(["a", "ü"], back.Values.Select(v => System.Text.Encoding.UTF8.GetString(v)));

        var halves = TensorValue.FromTensor(DenseTensor.FromArray(DataType.Float16, new[] { (Half)1.5, (Half)(-2) }, [2]));
        Assert.Equal([(Half)1.5, (Half)(-2)], halves.AsSpan<Half>().ToArray());
    }

    [Fact]
    public void ComplexTensorsAreReportedAsUnsupported()
    {
        var complex = new DenseTensor(DataType.Complex64, [1], new byte[8]);
        var error = Assert.Throws<UnsupportedFeatureException>(() => TensorValue.FromTensor(complex));
        Assert.Contains("complex64", error.Message);
    }
}
