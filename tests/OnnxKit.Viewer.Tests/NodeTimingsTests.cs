using System.Text.Json;
using OnnxKit.Viewer.Profiles;

namespace OnnxKit.Viewer.Tests;

public sealed class NodeTimingsTests
{
    [Fact]
    public void An_onnx_runtime_trace_gives_each_node_its_average_kernel_time_per_run()
    {
        // The shape of ONNX Runtime's profile: one "Node" event per kernel run, durations in microseconds,
        // with fence events and session events around them.
        const string trace = """
            [
              {"cat":"Session","pid":1,"tid":1,"dur":5000,"ts":1,"ph":"X","name":"model_run","args":{}},
              {"cat":"Node","pid":1,"tid":1,"dur":0,"ts":2,"ph":"X","name":"conv1_fence_before","args":{"op_name":"Conv"}},
              {"cat":"Node","pid":1,"tid":1,"dur":1200,"ts":3,"ph":"X","name":"conv1_kernel_time","args":{"op_name":"Conv","provider":"CPUExecutionProvider"}},
              {"cat":"Node","pid":1,"tid":1,"dur":300,"ts":4,"ph":"X","name":"relu1_kernel_time","args":{"op_name":"Relu"}},
              {"cat":"Node","pid":1,"tid":1,"dur":1800,"ts":5,"ph":"X","name":"conv1_kernel_time","args":{"op_name":"Conv"}},
              {"cat":"Node","pid":1,"tid":1,"dur":500,"ts":6,"ph":"X","name":"relu1_kernel_time","args":{"op_name":"Relu"}}
            ]
            """;

        var timings = NodeTimings.Parse(JsonDocument.Parse(trace).RootElement);

        Assert.Equal(2, timings.Milliseconds.Count);
        Assert.Equal(1.5, timings.Milliseconds["conv1"], 12);
        Assert.Equal(0.4, timings.Milliseconds["relu1"], 12);
    }

    [Fact]
    public void A_plain_object_maps_node_names_to_milliseconds()
    {
        var timings = NodeTimings.Parse(JsonDocument.Parse("""{"a": 0.25, "b": 3}""").RootElement);

        Assert.Equal(0.25, timings.Milliseconds["a"]);
        Assert.Equal(3.0, timings.Milliseconds["b"]);
    }

    [Fact]
    public void A_file_in_neither_format_is_a_clear_error_naming_it()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"a": "fast"}""");
            var error = Assert.Throws<OnnxKitException>(() => NodeTimings.Load(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("'a'", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
