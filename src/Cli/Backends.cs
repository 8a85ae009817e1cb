using OnnxKit.Execution;
using OnnxKit.Reference;
using OnnxKit.Runtime;

namespace OnnxKit.Cli;

/// <summary>Opens a model on the backend named by <c>--backend</c>.</summary>
internal static class Backends
{
    public static IModelBackend Open(BackendKind backend, string modelPath, SessionSettings settings)
    {
        if (backend == BackendKind.Reference) return ReferenceModelBackend.Open(modelPath);
        var session = OnnxSession.Open(modelPath, settings);
        RuntimeArguments.ReportProviderChoice(session, settings.Provider);
        return session;
    }
}
