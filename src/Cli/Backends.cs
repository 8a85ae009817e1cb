using OnnxKit.Execution;
using OnnxKit.Reference;
using OnnxKit.Runtime;

namespace OnnxKit.Cli;

/// <summary>Opens a model on the backend named by <c>--backend</c>.</summary>
internal static class Backends
{
    public static readonly string[] Names = ["ort", "reference"];

    public static IModelBackend Open(string backend, string modelPath, SessionSettings settings)
    {
        if (backend == "reference") return ReferenceModelBackend.Open(modelPath);
        var session = OnnxSession.Open(modelPath, settings);
        RuntimeArguments.ReportProviderChoice(session, settings.Provider);
        return session;
    }
}
