using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Optimizer.Tests.Quantization;

/// <summary>
/// The quantizer's arithmetic against ONNX's own QuantizeLinear/DequantizeLinear conformance cases
/// (../shared/onnx-backend-tests/node): per tensor, per axis and blocked, 8-, 16- and 4-bit. Each case's
/// inputs (x, scale, zero point) and attributes (axis, block_size) go through <see cref="TensorQuantizer"/>
/// or <see cref="QuantizedTensor.Dequantize"/>, and the result must equal ONNX's expected output exactly
/// (integers bit for bit; dequantized float32 values exactly, as both compute (q − zp)·scale in float32).
/// </summary>
public sealed class QuantizeLinearConformanceTests
{
    private static readonly string[] QuantizeCases = ["quantizelinear", "quantizelinear_axis", "quantizelinear_blocked_asymmetric",
        "quantizelinear_blocked_symmetric", "quantizelinear_int16", "quantizelinear_uint16", "quantizelinear_int4", "quantizelinear_uint4"];

    private static readonly string[] DequantizeCases = ["dequantizelinear", "dequantizelinear_axis", "dequantizelinear_blocked",
        "dequantizelinear_int16", "dequantizelinear_uint16", "dequantizelinear_int4", "dequantizelinear_uint4"];

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void Quantization_matches_onnx_expected_outputs()
    {
        foreach (string name in QuantizeCases)
        {
            var (node, inputs, expected) = Load(name);
            var x = inputs[0];
            var parameters = Parameters(node, x.Dims, inputs[1], inputs.ElementAtOrDefault(2));

            var quantized = TensorQuantizer.Quantize(x.ToArray<float>(), x.Dims.ToArray(), parameters).ToTensor("y");

            Assert.True(expected.DataType == quantized.DataType, $"{name}: {quantized.DataType} instead of {expected.DataType}");
            Assert.Equal(expected.Dims, quantized.Dims);
            Assert.True(expected.ToInt64Array().SequenceEqual(quantized.ToInt64Array()),
                $"{name}: [{string.Join(",", quantized.ToInt64Array())}] instead of [{string.Join(",", expected.ToInt64Array())}]");
        }
    }

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void Dequantization_matches_onnx_expected_outputs()
    {
        foreach (string name in DequantizeCases)
        {
            var (node, inputs, expected) = Load(name);
            var x = inputs[0];
            var parameters = Parameters(node, x.Dims, inputs[1], inputs.ElementAtOrDefault(2));

            var values = new QuantizedTensor(x.ToInt64Array(), x.Dims.ToArray(), parameters).Dequantize();

            Assert.True(expected.ToArray<float>().SequenceEqual(values), $"{name}: [{string.Join(",", values)}] instead of [{string.Join(",", expected.ToArray<float>())}]");
        }
    }

    /// <summary>The case's node, its inputs (from the graph's initializers or test_data_set_0), and the expected output.</summary>
    private static (Node Node, List<ITensor> Inputs, ITensor Expected) Load(string name)
    {
        string folder = SharedData.BackendCase("test_" + name);
        var model = OnnxFile.Load(Path.Combine(folder, "model.onnx"));
        var node = model.Graph.Nodes.Single();
        var fed = model.Graph.Inputs.Where(i => !model.Graph.Initializers.Contains(i.Name)).Select(i => i.Name).ToList();
        string data = Path.Combine(folder, "test_data_set_0");
        var inputs = node.Inputs.Select(v => v!.ConstValue ?? TensorProtoFile.Read(Path.Combine(data, $"input_{fed.IndexOf(v.Name)}.pb"))).ToList();
        return (node, inputs, TensorProtoFile.Read(Path.Combine(data, "output_0.pb")));
    }

    /// <summary>
    /// The parameters the node's inputs and attributes describe: blocked with block_size, per axis for a 1-D scale of
    /// several values, else per tensor; without a zero point, zeros of output_dtype (uint8 by default).
    /// </summary>
    private static QuantizationParameters Parameters(Node node, IReadOnlyList<long> dims, ITensor scale, ITensor? zeroPoint)
    {
        long axis = node.Attributes.GetInt("axis", 1), blockSize = node.Attributes.GetInt("block_size", 0);
        if (axis < 0) axis += dims.Count;
        var granularity = blockSize > 0 ? Granularity.Blocked((int)axis, (int)blockSize)
            : scale.ElementCount == 1 ? Granularity.PerTensor : Granularity.PerAxis((int)axis);
        var layout = new ParameterLayout(dims, granularity);
        var scales = scale.ToArray<float>();
        if (granularity.IsPerTensor) scales = [scales[0]];
        var zeros = zeroPoint?.ToInt64Array() ?? new long[scales.Length];
        if (granularity.IsPerTensor) zeros = [zeros[0]];
        var type = zeroPoint?.DataType ?? (DataType)node.Attributes.GetInt("output_dtype", (long)DataType.UInt8);
        return new QuantizationParameters(QuantizedType.For(type), layout, scales, zeros);
    }
}
