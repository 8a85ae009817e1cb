using OnnxKit.Optimizer.Conversion;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Optimizer.Tests.Conversion;

/// <summary>
/// ONNX's conformance models converted to other opsets: each conversion that succeeds must pass the checker
/// and give the case's expected outputs (ONNX's reference results) on ONNX Runtime. A refusal is counted,
/// not failed: it is the converter saying no exact equivalent exists. The default run takes a few cases per
/// adapter family and a spread of opsets; <c>ONNXKIT_CONVERT_SWEEP=full</c> takes every case to every opset
/// from 7 to 28 (<c>ONNXKIT_CONVERT_SWEEP_EVERY=k</c>: every k-th case), also judging version_converter's models
/// from the folder <c>ONNXKIT_CONVERT_SWEEP_VERSION_CONVERTER</c> names and writing the table to
/// <c>ONNXKIT_CONVERT_SWEEP_MARKDOWN</c> (benchmarks/convert-sweep.sh sets them).
/// </summary>
public sealed class ConformanceConversionTests(ITestOutputHelper output)
{
    private static readonly string[] DefaultCases =
    [
        "test_add_bcast", "test_softmax_axis_0", "test_softmax_default_axis", "test_logsoftmax_axis_1", "test_reshape_reordered_all_dims",
        "test_unsqueeze_axis_0", "test_squeeze", "test_reduce_mean_default_axes_keepdims_example", "test_reduce_sum_default_axes_keepdims_example",
        "test_split_equal_parts_1d_opset18", "test_split_equal_parts_1d_opset13", "test_clip_default_min", "test_slice", "test_top_k", "test_gelu_default_1",
        "test_gelu_tanh_1", "test_hardswish", "test_mish", "test_layer_normalization_2d_axis0", "test_celu", "test_batchnorm_example", "test_dropout_default",
        "test_concat_2d_axis_negative_1", "test_flatten_negative_axis1", "test_relu", "test_conv_with_strides_padding", "test_matmul_2d", "test_gemm_default_no_bias",
    ];

    private static readonly int[] DefaultOpsets = [7, 9, 11, 12, 13, 17, 18, 21, 28];

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void ConvertedConformanceModelsAreValidAndGiveTheExpectedOutputs()
    {
        bool full = Environment.GetEnvironmentVariable("ONNXKIT_CONVERT_SWEEP") == "full";
        var cases = full ? SharedData.BackendModels() : DefaultCases.Select(c => Path.Combine(RepositoryPaths.Shared(SharedData.BackendNodeFolder), c, "model.onnx")).Where(File.Exists).ToList();
        int[] opsets = full ? Enumerable.Range(OpsetConverter.MinTargetOpset, OpsetConverter.MaxTargetOpset - OpsetConverter.MinTargetOpset + 1).ToArray() : DefaultOpsets;
        if (full && int.TryParse(Environment.GetEnvironmentVariable("ONNXKIT_CONVERT_SWEEP_EVERY"), out int every) && every > 1)
            cases = cases.Where((_, i) => i % every == 0).ToList();
        var sweep = ConversionSweep.Run(cases, opsets, Environment.GetEnvironmentVariable("ONNXKIT_CONVERT_SWEEP_VERSION_CONVERTER") is { Length: > 0 } folder ? folder : null);
        string summary = sweep.Summary();
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("ONNXKIT_CONVERT_SWEEP_MARKDOWN") is { Length: > 0 } markdown) File.WriteAllText(markdown, summary);
        foreach (var failure in sweep.Failures.Take(200)) output.WriteLine("FAIL " + failure);
        foreach (var unrunnable in sweep.Unrunnable.Take(100)) output.WriteLine("NOT RUN " + unrunnable);
        Assert.True(sweep.Converted > (full ? 1000 : 100), $"only {sweep.Converted} conversions were checked");
        Assert.True(sweep.Failures.Count == 0, $"{sweep.Failures.Count} converted models were wrong, e.g. {string.Join(" | ", sweep.Failures.Take(5))}");
    }
}
