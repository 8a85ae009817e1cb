using System.CommandLine;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Tensors;

namespace OnnxKit.Cli;

/// <summary>Options shared by the commands that run models (<c>run</c>, <c>bench</c>).</summary>
internal static class RuntimeArguments
{
    /// <summary><c>--ep</c>: the execution provider.</summary>
    public static Option<string> Provider() => new Option<string>("--ep")
    {
        Description = "Execution provider: cpu, cuda, tensorrt, or auto (tries TensorRT, then CUDA, then CPU and says which it chose). " +
                      "An explicit provider that is not available is an error.",
        DefaultValueFactory = _ => "cpu",
    }.AcceptOnlyFromAmong("auto", "cpu", "cuda", "tensorrt");

    /// <summary><c>--threads</c>: intra-op threads.</summary>
    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads ONNX Runtime uses inside one operator (0: one per physical core).",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--shape NAME=AxBxC</c>, repeatable.</summary>
    public static Option<string[]> Shapes() => new("--shape")
    {
        Description = "Shape of a generated input (x=1x3x224x224) or size of a symbolic dim (batch=8); repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static ExecutionProviderKind ParseProvider(string value) => value switch
    {
        "auto" => ExecutionProviderKind.Auto,
        "cuda" => ExecutionProviderKind.Cuda,
        "tensorrt" => ExecutionProviderKind.TensorRT,
        _ => ExecutionProviderKind.Cpu,
    };

    public static ShapeOverrides ParseShapes(string[]? values)
    {
        try
        {
            return ShapeOverrides.Parse(values ?? []);
        }
        catch (OnnxKitException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static void ReportProviderChoice(OnnxSession session, ExecutionProviderKind requested)
    {
        if (requested != ExecutionProviderKind.Auto) return;
        Console.Error.WriteLine($"execution provider: {ExecutionProviders.OrtName(session.Provider)} (auto)");
        foreach (var note in session.ProviderNotes) Console.Error.WriteLine($"  skipped {note}");
    }
}
