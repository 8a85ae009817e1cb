using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Execution;

public sealed class InputArgumentsTests
{
    // Silero VAD v5's inputs: audio [?, ?], state [2, ?, 128] and the sample rate, an int64 scalar.
    private static readonly TensorSpec[] Silero =
    [
        new("input", DataType.Float, new Shape(Dim.Unknown(), Dim.Unknown())),
        new("state", DataType.Float, new Shape(2, Dim.Unknown(), 128)),
        new("sr", DataType.Int64, Shape.Scalar),
    ];

    private static Dictionary<string, ITensor> Read(params string[] arguments) => InputArguments.Read(arguments, "silero.onnx", Silero);

    [Fact]
    public void A_scalar_literal_takes_the_inputs_type()
    {
        var sr = Read("sr=16000")["sr"];
        Assert.Equal(DataType.Int64, sr.DataType);
        Assert.Empty(sr.Dims);
        Assert.Equal([16000L], sr.ToArray<long>());
    }

    [Fact]
    public void A_list_fills_the_last_open_dim_and_sets_the_others_to_one()
    {
        var input = Read("input=[0.5, -1, 2e-3]")["input"];
        Assert.Equal([1L, 3], input.Dims);
        Assert.Equal([0.5f, -1f, 2e-3f], input.ToArray<float>());
    }

    [Fact]
    public void A_shape_given_for_the_input_shapes_its_literal()
    {
        var input = InputArguments.Read(["input=1,2,3,4,5,6"], "silero.onnx", Silero, ShapeOverrides.Parse(["input=3x2"]))["input"];
        Assert.Equal([3L, 2], input.Dims);
    }

    [Fact]
    public void Bool_and_integer_literals_are_parsed_for_their_types()
    {
        TensorSpec[] specs = [new("mask", DataType.Bool, Shape.Of(3)), new("ids", DataType.Int32, new Shape(Dim.Named("n")))];
        var read = InputArguments.Read(["mask=0,true,1", "ids=7,-2"], "m", specs);
        Assert.Equal(new byte[] { 0, 1, 1 }, read["mask"].GetRawData().ToArray()); // one byte per bool
        Assert.Equal([7, -2], read["ids"].ToArray<int>());
    }

    [Fact]
    public void Files_and_archives_are_read_and_checked_against_the_inputs()
    {
        using var dir = new TempFolder();
        string state = TensorFiles.Write(dir.Path, "state", DenseTensor.FromFloats(new float[256], [2, 1, 128]), TensorFileFormat.Pb);
        NpzFile.Write(dir.File("all.npz"), [new("input", DenseTensor.FromFloats(new float[512], [1, 512])), new("sr", DenseTensor.FromInt64s([8000], []))]);
        var read = Read($"state={state}", dir.File("all.npz"));
        Assert.Equal(["input", "sr", "state"], read.Keys.Order());
        Assert.Equal([2L, 1, 128], read["state"].Dims);
    }

    [Theory]
    [InlineData("sr=16000.5", "--input sr=16000.5: '16000.5' is not an integer (the input holds int64)")]
    [InlineData("sr=1,2", "2 value(s) do not fit input sr: int64[]")]
    [InlineData("state=1,2,3", "3 value(s) do not fit input state")]
    [InlineData("rate=16000", "has no input named 'rate'; its inputs are input: float[?,?]")]
    [InlineData("input=a,b", "'a' is not a number")]
    [InlineData("input=", "nor a comma-separated list of values")]
    [InlineData("input=missing.npy", "--input input: file 'missing.npy' does not exist")]
    [InlineData("noequals", "give NAME=FILE (.npy or .pb), NAME=VALUES")]
    [InlineData("=1", "give NAME=FILE")]
    public void Errors_name_the_input_and_what_is_wrong(string argument, string expected)
    {
        var e = Assert.Throws<OnnxKitException>(() => Read(argument));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_file_of_the_wrong_type_or_shape_is_refused_naming_the_input()
    {
        using var dir = new TempFolder();
        string wrongType = TensorFiles.Write(dir.Path, "sr", DenseTensor.FromFloats([16000], []), TensorFileFormat.Npy);
        var e = Assert.Throws<OnnxKitException>(() => Read($"sr={wrongType}"));
        Assert.Contains("--input sr=", e.Message);
        Assert.Contains("input 'sr': expected int64 elements, got float", e.Message);
        string wrongShape = TensorFiles.Write(dir.Path, "state", DenseTensor.FromFloats(new float[64], [2, 1, 32]), TensorFileFormat.Npy);
        e = Assert.Throws<OnnxKitException>(() => Read($"state={wrongShape}"));
        Assert.Contains("input 'state': expected shape [2,?,128], got [2,1,32]", e.Message);
    }

    [Fact]
    public void An_input_given_twice_is_an_error()
    {
        var e = Assert.Throws<OnnxKitException>(() => Read("sr=16000", "sr=8000"));
        Assert.Contains("input 'sr' is given more than once", e.Message);
    }
}
