using OnnxKit.Execution;
using OnnxKit.Runtime;

namespace OnnxKit.Cli;

/// <summary>Opens a model on the backend named by <c>--backend</c>.</summary>
internal static class Backends
{
    public static readonly string[] Names = ["ort", "reference"];

    public static IModelBackend Open(string backend, string modelPath, SessionSettings settings)
    {
        if (backend == "reference")
        {
            throw new OnnxKitException(
                "The reference backend (OnnxKit's pure-C# evaluator) is not available in this build yet; use --backend ort.");
        }
        var session = OnnxSession.Open(modelPath, settings);
        RuntimeArguments.ReportProviderChoice(session, settings.Provider);
        return session;
    }
}
