using System.Text.Json;
using OnnxKit.Profiling;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Profiling;

public sealed class KernelProfileTests
{
    [Fact]
    public void Kernel_runs_are_read_from_a_trace_object_and_other_events_are_ignored()
    {
        const string trace = """
            {"traceEvents": [
              {"cat":"Session","name":"model_run","dur":900,"args":{}},
              {"cat":"Node","name":"conv1_fence_before","dur":5,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"conv1_kernel_time","dur":300,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"custom_kernel_time","dur":12.5},
              {"cat":"Node","name":"broken_kernel_time","dur":"slow"}
            ]}
            """;

        var profile = KernelProfile.Parse(JsonDocument.Parse(trace).RootElement);

        Assert.Equal([new KernelTime("conv1", "Conv", 300), new KernelTime("custom", null, 12.5)], profile.Kernels);
    }

    [Fact]
    public void A_file_that_is_not_a_trace_is_an_error_naming_it()
    {
        using var folder = new TempFolder();
        string path = folder.File("profile.json");
        File.WriteAllText(path, """{"a": 1}""");

        var error = Assert.Throws<OnnxKitException>(() => KernelProfile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.False(KernelProfile.IsTrace(JsonDocument.Parse("""{"a": 1}""").RootElement));
    }
}
