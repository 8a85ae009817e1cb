using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer;
using OnnxKit.Reference;
using OnnxKit.Runtime.Tensors;
using OnnxKit.Security;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.ShapeInference;

namespace OnnxKit.Fuzzing;

/// <summary>
/// The in-process pipeline a mutant goes through: load, check, shape inference, optimize (constant folding
/// on the reference evaluator, no ONNX Runtime in this process), a reference run on seeded inputs, and save.
/// OnnxKit's own errors (<see cref="OnnxKitException"/> and its kinds) and cancellation are the expected ways
/// to fail; any other exception is an internal error and a finding.
/// </summary>
public static class PipelineHarness
{
    /// <summary>Small limits, so that hostile models fail fast: 256 MiB tensors, 100,000 loop iterations.</summary>
    public static readonly ResourceLimits Limits = new() { MaxTensorBytes = 256L << 20, MaxLoopIterations = 100_000, MaxNodesAfterInlining = 200_000 };

    /// <summary>Runs <paramref name="model"/> (bytes of a model file in <paramref name="workspace"/>) through every stage; returns the first finding or null.</summary>
    public static Finding? Run(byte[] model, string workspace, TimeSpan budget)
    {
        using var deadline = new CancellationTokenSource(budget);
        Model? loaded = null;
        return Stage("load", () => loaded = OnnxFile.Load(model, workspace))
            ?? (loaded is null ? null
                : Stage("check", () => ModelChecker.Check(loaded, new CheckerOptions { Limits = Limits }))
                ?? Stage("shape-inference", () => ShapeInferer.Infer(loaded.Clone()))
                ?? Stage("optimize", () => ModelOptimizer.Optimize(loaded.Clone(), new OptimizeOptions { Cancellation = deadline.Token }))
                ?? Stage("reference-run", () => ReferenceRun(loaded, deadline.Token))
                ?? Stage("save", () => OnnxFile.Save(loaded, Path.Combine(workspace, "saved.onnx"))));
    }

    /// <summary>Reads <paramref name="bytes"/> as a <c>.npy</c> file, then as a <c>.npz</c> archive.</summary>
    public static Finding? RunNumpy(byte[] bytes, string workspace)
    {
        string npy = Path.Combine(workspace, "input.npy"), npz = Path.Combine(workspace, "input.npz");
        File.WriteAllBytes(npy, bytes);
        File.WriteAllBytes(npz, bytes);
        return Stage("npy", () => NpyFile.Read(npy, Limits)) ?? Stage("npz", () => NpzFile.Read(npz, Limits));
    }

    private static void ReferenceRun(Model model, CancellationToken cancellation)
    {
        var backend = new ReferenceModelBackend(model, limits: Limits);
        var notes = new List<string>();
        var inputs = RandomTensors.ForInputs(backend.Inputs, ShapeOverrides.None, 0, notes, Limits);
        backend.Run(inputs, cancellation);
    }

    private static Finding? Stage(string name, Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (e is OnnxKitException or OperationCanceledException)
        {
            return null;
        }
        catch (Exception e)
        {
            return new Finding("internal-error", name, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }
}
