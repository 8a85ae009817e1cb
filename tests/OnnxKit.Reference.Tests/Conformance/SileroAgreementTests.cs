using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;
using static OnnxKit.Reference.Tests.TestGraphs;

namespace OnnxKit.Reference.Tests.Conformance;

/// <summary>
/// Silero VAD v5 and v6 (an If on the sample rate around an STFT, convolutions and two LSTMs) on the reference
/// evaluator against ONNX Runtime, in the manner of a conformance case: the same inputs, ONNX Runtime's outputs as
/// the independent expected result. Before the fix the evaluator accepted audio too short for the model's reflect
/// padding and then failed inside its LSTM kernel with an IndexOutOfRangeException; now it refuses the Pad node as
/// the spec (and ONNX Runtime) do, and the recurrent kernels check their inputs' shapes.
/// </summary>
public sealed class SileroAgreementTests(ITestOutputHelper output)
{
    /// <summary>How close the evaluator (which computes the LSTM in double precision) must come to ONNX Runtime.</summary>
    private static readonly Tolerance Agreement = new(1e-4, 1e-6);

    [RealModelTheory(RealModels.SileroV5, RealModels.SileroV6)]
    [InlineData(RealModels.SileroV5, 16000, 512)]
    [InlineData(RealModels.SileroV5, 8000, 256)]
    [InlineData(RealModels.SileroV6, 16000, 512)]
    public void ReferenceAndOnnxRuntimeAgreeOnEveryOutput(string model, long sampleRate, int samples)
    {
        var loaded = OnnxFile.Load(RealModels.Require(model));
        using var reference = new ReferenceBackend().Prepare(loaded);
        using var onnxRuntime = new OnnxRuntimeBackend().Prepare(loaded);
        var random = new Random(7);
        // Three chunks in a row, each fed the state the previous one returned, as a streaming caller does.
        ITensor state = DenseTensor.FromFloats(new float[2 * 128], [2, 1, 128]);
        for (int chunk = 0; chunk < 3; chunk++)
        {
            var audio = Enumerable.Range(0, samples).Select(_ => (float)(0.3 * (random.NextDouble() * 2 - 1))).ToArray();
            var inputs = new Dictionary<string, ITensor>
            {
                ["input"] = DenseTensor.FromFloats(audio, [1, samples]),
                ["state"] = state,
                ["sr"] = DenseTensor.FromInt64s([sampleRate], []),
            };
            var expected = onnxRuntime.Run(inputs);
            var actual = reference.Run(inputs);
            foreach (var spec in onnxRuntime.Outputs)
            {
                var comparison = OutputComparer.Compare(spec.Name, expected[spec.Name], actual[spec.Name], Agreement);
                output.WriteLine($"chunk {chunk} '{spec.Name}': {comparison.Elements} values, largest difference {comparison.MaxAbsoluteError:G3}");
                Assert.True(comparison.Passed, $"{model} at {sampleRate} Hz, chunk {chunk}, output '{spec.Name}': {comparison.Problem}");
            }
            state = expected["stateN"];
        }
    }

    [RealModelFact(RealModels.SileroV5)]
    public void AudioTooShortForTheReflectPaddingIsRefusedAtThePadNodeOnBothBackends()
    {
        var loaded = OnnxFile.Load(RealModels.Require(RealModels.SileroV5));
        var inputs = new Dictionary<string, ITensor>
        {
            ["input"] = DenseTensor.FromFloats(new float[64], [1, 64]),
            ["state"] = DenseTensor.FromFloats(new float[256], [2, 1, 128]),
            ["sr"] = DenseTensor.FromInt64s([16000], []),
        };
        using var reference = new ReferenceBackend().Prepare(loaded);
        using var onnxRuntime = new OnnxRuntimeBackend().Prepare(loaded);
        var referenceError = Assert.Throws<OnnxKitException>(() => reference.Run(inputs));
        var onnxRuntimeError = Assert.Throws<OnnxKitException>(() => onnxRuntime.Run(inputs));
        Assert.Contains("stft/padding/Pad' (Pad): reflect padding of axis 1 by (0, 64)", referenceError.Message);
        Assert.DoesNotContain("Exception", referenceError.Message);
        Assert.Contains("stft/padding/Pad", onnxRuntimeError.Message);
    }

    [Fact]
    public void ReflectPaddingMirrorsWithoutRepeatingTheEdgeAndRefusesPadsAsLongAsTheAxis()
    {
        // numpy.pad([1, 2, 3], (2, 1), "reflect") is [3, 2, 1, 2, 3, 2].
        var pad = new ReferenceSession(SingleNode("Pad", [Ir.Attribute.String("mode", "reflect"), Ir.Attribute.Ints("pads", [0, 2, 0, 1])], 2, [1, 3]));
        Assert.Equal([3f, 2, 1, 2, 3, 2], Floats(pad.Run([TensorValue.FromFloats([1, 2, 3], 1, 3)])[0]));

        var tooFar = new ReferenceSession(SingleNode("Pad", [Ir.Attribute.String("mode", "reflect"), Ir.Attribute.Ints("pads", [0, 3, 0, 0])], 2, [1, 3]));
        var error = Assert.Throws<OnnxKitException>(() => tooFar.Run([TensorValue.FromFloats([1, 2, 3], 1, 3)]));
        Assert.Contains("reflect padding of axis 1 by (3, 0) needs the axis longer than each pad; it has 3 element(s)", error.Message);
    }

    [Fact]
    public void AnLstmWhoseWeightsDoNotFitItsInputIsRefusedNamingTheInput()
    {
        // X is [seq 1, batch 1, input 3]; W is [1, 4·hidden 2, 4]: its input size does not match X's.
        var lstm = new ReferenceSession(SingleNode("LSTM", [Ir.Attribute.Int("hidden_size", 2)], 14, [1, 1, 3], [1, 8, 4], [1, 8, 2]));
        var error = Assert.Throws<OnnxKitException>(() => lstm.Run(
            [TensorValue.FromFloats(new float[3], 1, 1, 3), TensorValue.FromFloats(new float[32], 1, 8, 4), TensorValue.FromFloats(new float[16], 1, 8, 2)]));
        Assert.Contains("input W is tensor(float)[1,8,4]; the spec needs shape [1,8,3]", error.Message);
    }
}
