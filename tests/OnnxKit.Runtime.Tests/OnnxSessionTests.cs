using OnnxKit.Ir;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests;

public sealed class OnnxSessionTests
{
    private static readonly float[] Input = Enumerable.Range(0, 8).Select(i => 0.25f * i - 1).ToArray();

    [Fact]
    public void Runs_a_model_and_matches_a_hand_computed_result()
    {
        using var session = OnnxSession.FromModel(TestModels.Dense());
        var outputs = session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(Input, [2, 4]) });

        // y = Relu(x·W + b), W[i,j] = 0.1·(3i+j), b[j] = j − 0.5, computed independently here.
        var expected = new float[6];
        for (int n = 0; n < 2; n++)
            for (int j = 0; j < 3; j++)
            {
                float sum = j - 0.5f;
                for (int i = 0; i < 4; i++) sum += Input[n * 4 + i] * 0.1f * (3 * i + j);
                expected[n * 3 + j] = Math.Max(0, sum);
            }
        var y = outputs["y"];
        Assert.Equal([2L, 3L], y.Dims);
        Assert.Equal("y", y.Name);
        float[] actual = y.ToArray<float>();
        for (int k = 0; k < 6; k++) Assert.Equal(expected[k], actual[k], 5); // float32 rounding of a 4-term dot product
    }

    [Fact]
    public void Reports_inputs_and_outputs_with_symbolic_dims_and_the_provider()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        Assert.Equal("x: float[N,3,16,16]", session.Inputs.Single().ToString());
        Assert.Equal("probs: float[N,10]", session.Outputs.Single().ToString());
        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        Assert.Contains("CPUExecutionProvider", session.Name);
    }

    [Theory]
    [InlineData(DataType.Int8)]
    [InlineData(DataType.UInt16)]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.Float16)]
    [InlineData(DataType.BFloat16)]
    [InlineData(DataType.Double)]
    [InlineData(DataType.Bool)]
    public void Element_types_cross_to_onnx_runtime_intact(DataType type)
    {
        double[] values = type == DataType.Bool ? [1, 0, 1] : [1, 2, -3];
        if (type == DataType.UInt16) values = [1, 2, 65000];
        byte[] raw = new byte[type.ByteCount(values.Length)];
        for (int i = 0; i < values.Length; i++) Encode(type, values[i], raw.AsSpan(i * (type.BitWidth() / 8)));
        using var session = OnnxSession.FromModel(RuntimeTestModels.CastToFloat(type));
        var y = session.Run(new Dictionary<string, ITensor> { ["x"] = new DenseTensor(type, [values.Length], raw) })["y"];
        Assert.Equal(values.Select(v => (float)v), y.ToArray<float>());
    }

    [Fact]
    public void Explains_missing_unknown_and_mistyped_inputs()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        var missing = Assert.Throws<OnnxKitException>(() => session.Run(new Dictionary<string, ITensor>()));
        Assert.Contains("needs input x: float[N,3,16,16]", missing.Message);
        var unknown = Assert.Throws<OnnxKitException>(() => session.Run(new Dictionary<string, ITensor> { ["image"] = DenseTensor.FromFloats([1], [1]) }));
        Assert.Contains("no input named 'image'", unknown.Message);
        var type = Assert.Throws<OnnxKitException>(() => session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromInt64s(new long[768], [1, 3, 16, 16]) }));
        Assert.Contains("expected float elements, got int64", type.Message);
        var shape = Assert.Throws<OnnxKitException>(() => session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(new float[512], [1, 2, 16, 16]) }));
        Assert.Contains("expected shape [N,3,16,16], got [1,2,16,16]", shape.Message);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        var input = new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(new float[768], [1, 3, 16, 16]) };
        Assert.Throws<OperationCanceledException>(() => session.Run(input, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Run_options_kept_for_a_token_answer_to_it_alone()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        var input = new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(Enumerable.Range(0, 768).Select(i => i / 768f).ToArray(), [1, 3, 16, 16]) };
        var expected = session.Run(input)["probs"].ToArray<float>();
        using var first = new CancellationTokenSource();
        using var other = new CancellationTokenSource();
        // Several runs under one token (the kept options), then another token's cancellation does not reach them.
        for (int i = 0; i < 3; i++) Assert.Equal(expected, session.Run(input, first.Token)["probs"].ToArray<float>());
        other.Cancel();
        Assert.Equal(expected, session.Run(input, first.Token)["probs"].ToArray<float>());
        Assert.Throws<OperationCanceledException>(() => session.Run(input, other.Token));
        // Cancelling the token the kept options answer to stops its runs, but a run under a new token is not terminated by them.
        first.Cancel();
        Assert.Throws<OperationCanceledException>(() => session.Run(input, first.Token));
        using var next = new CancellationTokenSource();
        Assert.Equal(expected, session.Run(input, next.Token)["probs"].ToArray<float>());
    }

    [Fact]
    public void Opens_files_and_names_a_missing_one()
    {
        using var folder = new TempFolder();
        string path = folder.File("cnn.onnx");
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), path);
        using var session = OnnxSession.Open(path);
        Assert.Equal("cnn.onnx", session.ModelName);
        var e = Assert.Throws<OnnxKitException>(() => OnnxSession.Open(folder.File("absent.onnx")));
        Assert.Contains("absent.onnx' does not exist", e.Message);
        File.WriteAllBytes(folder.File("junk.onnx"), [1, 2, 3]);
        // OnnxKit reads the model before ONNX Runtime does (ModelGuard), so its own format error names the file.
        var junk = Assert.Throws<OnnxFormatException>(() => OnnxSession.Open(folder.File("junk.onnx")));
        Assert.Contains("junk.onnx: not a valid ONNX model", junk.Message);
    }

    [Fact]
    public void Free_dimension_overrides_fix_symbolic_dims()
    {
        var settings = new SessionSettings { FreeDimensionOverrides = new Dictionary<string, long> { ["N"] = 2 } };
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn(), settings);
        Assert.Equal("x: float[2,3,16,16]", session.Inputs.Single().ToString());
        var outputs = session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(new float[1536], [2, 3, 16, 16]) });
        Assert.Equal([2L, 10L], outputs["probs"].Dims);
    }

    [Fact]
    public void A_bounded_spin_is_taken_and_one_out_of_range_is_refused()
    {
        var input = new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(Enumerable.Range(0, 768).Select(i => i / 768f).ToArray(), [1, 3, 16, 16]) };
        using var own = OnnxSession.FromModel(RuntimeTestModels.SmallCnn(), new SessionSettings());
        var expected = own.Run(input)["probs"].ToArray<float>();
        foreach (int spin in new[] { 0, SessionSettings.ShortSpinMicroseconds, SessionSettings.MaxSpinMicroseconds })
        {
            using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn(), new SessionSettings { IntraOpSpinMicroseconds = spin });
            Assert.Equal(expected, session.Run(input)["probs"].ToArray<float>());
        }
        foreach (int spin in new[] { -1, SessionSettings.MaxSpinMicroseconds + 1 })
        {
            var error = Assert.Throws<OnnxKitException>(() => OnnxSession.FromModel(RuntimeTestModels.SmallCnn(), new SessionSettings { IntraOpSpinMicroseconds = spin }));
            Assert.Contains($"got {spin}", error.Message);
        }
    }

    [Fact]
    public void Saves_the_optimized_model_and_writes_a_profile()
    {
        using var folder = new TempFolder();
        var settings = new SessionSettings
        {
            OptimizedModelPath = folder.File("optimized.onnx"),
            ProfilePrefix = folder.File("profile"),
            IntraOpThreads = 1,
            InterOpThreads = 1,
            ExecutionMode = GraphExecutionMode.Parallel,
            OptimizationLevel = OptimizationLevel.Extended,
            DeterministicCompute = true,
        };
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn(), settings);
        session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(new float[768], [1, 3, 16, 16]) });
        string? profile = session.EndProfiling();
        Assert.NotNull(profile);
        Assert.Contains("\"cat\" : \"Node\"", File.ReadAllText(profile));
        var optimized = OnnxFile.Load(folder.File("optimized.onnx"));
        Assert.Equal("x", optimized.Graph.Inputs.Single().Name);
    }

    private static void Encode(DataType type, double value, Span<byte> target)
    {
        switch (type)
        {
            case DataType.Int8: target[0] = (byte)(sbyte)value; break;
            case DataType.Bool: target[0] = (byte)value; break;
            case DataType.UInt16: BitConverter.TryWriteBytes(target, (ushort)value); break;
            case DataType.Int64: BitConverter.TryWriteBytes(target, (long)value); break;
            case DataType.Float16: BitConverter.TryWriteBytes(target, (Half)value); break;
            case DataType.BFloat16: BitConverter.TryWriteBytes(target, BFloat16.FromSingle((float)value).Bits); break;
            case DataType.Double: BitConverter.TryWriteBytes(target, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
    }
}
