using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// Runs models on a primary backend, and on a fallback where the primary cannot run them: the CLI
/// composes ONNX Runtime first, the reference evaluator for models ONNX Runtime has no kernel for.
/// The first model decides: when the primary fails to prepare it, or fails its first run, with an
/// <see cref="OnnxKitException"/>, every model from then on runs on the fallback; when the primary
/// runs it, every later model runs on the primary. So models compared with one another (an original
/// and its optimized candidates) always run on the same backend. Use one instance per such job; the
/// choice is not meant to be raced from several threads.
/// </summary>
public sealed class FallbackBackend : IBackend
{
    private readonly IBackend primary;
    private readonly IBackend fallback;
    private IBackend? chosen;
    private string? primaryFailure;

    /// <summary>Creates the composition; neither backend is prepared with anything until a model comes.</summary>
    public FallbackBackend(IBackend primary, IBackend fallback)
    {
        this.primary = primary;
        this.fallback = fallback;
    }

    /// <summary>Before the first model: <c>primary, else fallback</c>; after it, the backend chosen and, for the fallback, why.</summary>
    public string Name => chosen is null ? $"{primary.Name}, else {fallback.Name}"
        : ReferenceEquals(chosen, primary) ? primary.Name : $"{fallback.Name} ({primary.Name} could not run the model: {primaryFailure})";

    /// <inheritdoc/>
    public IModelBackend Prepare(Model model) => Choose(backend => backend.Prepare(model));

    /// <inheritdoc/>
    public IModelBackend Open(string path) => Choose(backend => backend.Open(path));

    private IModelBackend Choose(Func<IBackend, IModelBackend> prepare)
    {
        if (chosen is { } decided) return prepare(decided);
        IModelBackend prepared;
        try
        {
            prepared = prepare(primary);
        }
        catch (OnnxKitException e)
        {
            return UseFallback(e, prepare);
        }
        return new FirstModel(this, prepared, prepare);
    }

    private IModelBackend UseFallback(OnnxKitException primaryError, Func<IBackend, IModelBackend> prepare)
    {
        var prepared = prepare(fallback);
        primaryFailure = primaryError.Message.Split('\n')[0];
        chosen = fallback;
        return prepared;
    }

    /// <summary>The first model, prepared on the primary: its first run settles the choice.</summary>
    private sealed class FirstModel(FallbackBackend owner, IModelBackend onPrimary, Func<IBackend, IModelBackend> prepare) : IModelBackend
    {
        private IModelBackend? onFallback;

        private IModelBackend Active => onFallback ?? onPrimary;

        public string Name => Active.Name;

        public IReadOnlyList<TensorSpec> Inputs => Active.Inputs;

        public IReadOnlyList<TensorSpec> Outputs => Active.Outputs;

        public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default) =>
            Settle(model => model.Run(inputs, cancellationToken));

        public IReadOnlyDictionary<string, OnnxValue> RunValues(IReadOnlyDictionary<string, OnnxValue> inputs, CancellationToken cancellationToken = default) =>
            Settle(model => model.RunValues(inputs, cancellationToken));

        public void Dispose()
        {
            onPrimary.Dispose();
            onFallback?.Dispose();
        }

        private T Settle<T>(Func<IModelBackend, T> run)
        {
            if (owner.chosen is null)
            {
                try
                {
                    var result = run(onPrimary);
                    owner.chosen = owner.primary;
                    return result;
                }
                catch (OnnxKitException e)
                {
                    onFallback = owner.UseFallback(e, prepare);
                }
            }
            else if (ReferenceEquals(owner.chosen, owner.fallback) && onFallback is null)
            {
                onFallback = prepare(owner.fallback);
            }
            return run(Active);
        }
    }
}
