namespace OnnxKit.Evaluation.Results;

/// <summary>
/// Everything one <c>onnxkit eval</c> run measured: the data, each model's results per output,
/// and how each later model compares with the first. Its JSON form is documented in
/// docs/evaluation.md; the HTML page is a view of it.
/// </summary>
/// <param name="Data">The data set's description.</param>
/// <param name="Examples">How many records were evaluated.</param>
/// <param name="Preprocessing">The preprocessing, in words.</param>
/// <param name="Models">Each model's results, in the order given.</param>
/// <param name="Comparisons">Each model after the first against the first.</param>
public sealed record EvaluationReport(
    string Data,
    long Examples,
    string Preprocessing,
    IReadOnlyList<ModelEvaluation> Models,
    IReadOnlyList<ModelComparison> Comparisons);
