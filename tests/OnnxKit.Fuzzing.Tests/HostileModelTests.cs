using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Fuzzing.Tests;

/// <summary>
/// Each class of hostile model from issue 19 (built by <see cref="HostileModels"/>) through the commands that
/// crashed, hung or reported an internal error on it: each now ends within 30 s under a 6 GB address-space
/// limit with exit code 1, 2 or 3 and a message naming the node, tensor, file or option.
/// </summary>
public sealed class HostileModelTests
{
    private const int Invalid = 3, Failed = 1;

    public static TheoryData<string, string, int, string> Cases => new()
    {
        // model, command, exit code, message
        { "attention-q-num-heads-int64-min", "run", Invalid, "attribute 'q_num_heads' of Attention is -9223372036854775808" },
        { "attention-q-num-heads-int64-min", "optimize", Invalid, "graph.node[0](Attention).attribute['q_num_heads']" },
        { "attention-q-num-heads-int64-min", "check", Invalid, "q_num_heads" },
        { "attention-q-num-heads-int64-min", "bench", Invalid, "q_num_heads" },
        { "conv-group-zero", "run", Invalid, "attribute 'group' of Conv is 0" },
        { "resize-nan-scales", "run-reference", Invalid, "graph.node[0](Resize): the Resize's scales (input 'scales') have NaN at position 2" },
        { "resize-nan-scales", "run", Invalid, "have NaN at position 2" },
        { "resize-nan-scales", "optimize", Invalid, "have NaN at position 2" },
        { "resize-nan-scales", "check", Invalid, "[scale-out-of-range]" },
        { "functions-exponential", "run", Invalid, "549,755,813,888 nodes" },
        { "functions-exponential", "run-reference", Invalid, "--max-nodes" },
        { "functions-exponential", "optimize", Invalid, "--max-nodes" },
        { "functions-exponential", "check", Invalid, "expands to" },
        { "loop-without-trip-count-constant-true", "run", Invalid, "so it never stops" },
        { "loop-without-trip-count-constant-true", "run-reference", Invalid, "graph.node[0](Loop)" },
        { "loop-trip-count-int64-max", "run", Invalid, "trip count is 9223372036854775807" },
        { "loop-trip-count-int64-max", "run-reference", Invalid, "--max-loop-iterations" },
        { "loop-trip-count-int64-max", "check", Invalid, "loop" },
        { "loop-stacks-400-gb", "run-reference", Invalid, "scan output 'item'" },
        { "loop-stacks-400-gb", "optimize", Invalid, "--max-tensor-bytes" },
        { "initializer-dims-int64-max", "check", Invalid, "tensor 'w': dims [9223372036854775807]" },
        { "input-100000x100000", "run", Failed, "random input 'x' float[100000,100000] needs 37 GiB" },
        { "input-100000x100000", "run-reference", Failed, "--max-tensor-bytes" },
        { "duplicate-opset-imports", "run-reference", Invalid, "domain 'ai.onnx' is imported more than once" },
        { "duplicate-opset-imports", "check", Invalid, "imported more than once" },
        { "duplicate-initializer-trip-count", "run", Invalid, "graph.initializer[1]('trip'): initializer 'trip' is listed more than once" },
        { "duplicate-initializer-trip-count", "optimize", Invalid, "initializer 'trip' is listed more than once" },
        { "min-empty-variadic-input", "bench", Invalid, "graph.node[0](Min): input 2 (one of the variadic 'data_0') of Min-13 is left empty" },
        { "min-empty-variadic-input", "optimize", Invalid, "is left empty" },
        { "min-empty-variadic-input", "check", Invalid, "[required-io-missing]" },
        { "external-data-fifo", "optimize", Invalid, "'pipe', which is a FIFO" },
        { "external-data-fifo", "run", Invalid, "FIFO" },
        { "external-data-symlink-loop", "check", Invalid, "'loop', which is a loop of symbolic links" },
        { "external-data-device", "run-reference", Invalid, "character device" },
        { "external-data-folder", "check", Invalid, "is a directory" },
        { "external-data-duplicate-location", "check", Invalid, "lists external data key 'location' 2 times" },
        { "external-data-bad-checksum", "run", Invalid, "has SHA-1" },
        { "external-data-4-gib", "run-reference", Failed, "External tensor 'w' has 4294967296 bytes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ends_with_a_message_naming_the_problem(string model, string command, int exitCode, string message)
    {
        using var dir = new TempFolder();
        using var workspace = new Workspace(dir.Path, "m");
        string path = workspace.PathOf("model.onnx");
        File.WriteAllBytes(path, HostileModels.All[model]);
        if (model == "external-data-4-gib")
        {
            using var sparse = File.Create(workspace.PathOf("huge.bin"));
            sparse.SetLength(4L << 30); // takes no disk
        }
        string[] args = command switch
        {
            "run" => ["run", path],
            "run-reference" => ["run", path, "--backend", "reference"],
            "optimize" => ["optimize", path, "-o", workspace.PathOf("out.onnx")],
            "bench" => ["bench", path, "-n", "2"],
            _ => [command, path],
        };
        LimitedCli.Expect([exitCode], message, dir.Path, args);
    }

    [Fact]
    public void A_graph_output_listed_twice_runs_on_both_backends()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.All["duplicate-graph-outputs"]);
        foreach (var backend in new[] { "ort", "reference" })
        {
            var outcome = LimitedCli.Expect([0], "y", dir.Path, "run", dir.File("m.onnx"), "--backend", backend, "--json");
            Assert.Single(System.Text.Json.JsonDocument.Parse(outcome.Output[outcome.Output.IndexOf('{')..]).RootElement.GetProperty("outputs").EnumerateArray());
        }
        LimitedCli.Expect([0], "duplicate-graph-output", dir.Path, "check", dir.File("m.onnx"), "--json");
    }

    [Fact]
    public void Raising_a_limit_lets_a_refused_model_through_the_guard()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.ExponentialFunctions(12));
        LimitedCli.Expect([Invalid], "2,048 nodes", dir.Path, "check", dir.File("m.onnx"), "--max-nodes", "1000");
        LimitedCli.Expect([0], "valid", dir.Path, "check", dir.File("m.onnx"));
        LimitedCli.Expect([0], "y", dir.Path, "run", dir.File("m.onnx"), "--backend", "reference");
    }
}
