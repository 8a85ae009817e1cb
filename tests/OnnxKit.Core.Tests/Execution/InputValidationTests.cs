using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Tests.Execution;

public sealed class InputValidationTests
{
    private static readonly TensorSpec[] Specs = [new("x", DataType.Float, new Shape(Dim.Named("N"), 3)), new("any", DataType.Undefined, null)];

    private static OnnxKitException Check(Dictionary<string, ITensor> inputs) =>
        Assert.Throws<OnnxKitException>(() => InputValidation.Check("m.onnx", Specs, inputs));

    [Fact]
    public void A_fitting_feed_passes_symbolic_dims_and_undefined_specs_accept_anything()
    {
        InputValidation.Check("m.onnx", Specs, new Dictionary<string, ITensor>
        {
            ["x"] = DenseTensor.FromFloats(new float[6], [2, 3]),
            ["any"] = DenseTensor.FromInt64s([1], [1]),
        });
    }

    [Fact]
    public void Each_misfit_is_named_with_the_model_and_the_input()
    {
        var any = DenseTensor.FromInt64s([1], [1]);
        Assert.Equal("Model 'm.onnx' has no input named 'y'; its inputs are x: float[N,3], any: undefined[?].",
            Check(new() { ["x"] = DenseTensor.FromFloats(new float[3], [1, 3]), ["any"] = any, ["y"] = any }).Message);
        Assert.Equal("Model 'm.onnx' needs input x: float[N,3]; none was given.", Check(new() { ["any"] = any }).Message);
        Assert.Equal("Model 'm.onnx', input 'x': expected float elements, got int64.", Check(new() { ["x"] = DenseTensor.FromInt64s([1, 2, 3], [1, 3]), ["any"] = any }).Message);
        Assert.Equal("Model 'm.onnx', input 'x': expected shape [N,3], got [3].", Check(new() { ["x"] = DenseTensor.FromFloats(new float[3], [3]), ["any"] = any }).Message);
    }
}
