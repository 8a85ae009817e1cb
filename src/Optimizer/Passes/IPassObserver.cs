namespace OnnxKit.Optimizer.Passes;

/// <summary>Instrumentation hook: told about every pass the runner completes (for progress, logs, print-after-pass).</summary>
public interface IPassObserver
{
    /// <summary>Called after each pass, with its record; <paramref name="model"/> is the model as it now stands (do not modify it).</summary>
    void OnPassCompleted(PassRun run, Ir.Model model);
}
