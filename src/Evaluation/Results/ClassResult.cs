using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Results;

/// <summary>One class against the rest.</summary>
/// <param name="Index">The class index.</param>
/// <param name="Name">The class name.</param>
/// <param name="Precision">a / (a + c) of the top-1 predictions.</param>
/// <param name="Recall">a / (a + b) of the top-1 predictions.</param>
/// <param name="F1">2PR / (P + R).</param>
/// <param name="Support">Examples of this class.</param>
/// <param name="Cells">The a/b/c/d cells of the top-1 predictions.</param>
/// <param name="Auc">ROC area of this class's score (null when the class has no examples, or all are it).</param>
/// <param name="AveragePrecision">Average precision of this class's score (null without examples).</param>
/// <param name="BreakEven">Precision where it equals recall (null without examples).</param>
/// <param name="Lift">Lift of the top 5, 10 and 20 % by this class's score.</param>
/// <param name="AtThreshold">The cells when this class's probability ≥ the threshold means "this class".</param>
/// <param name="Cost">The cost of <see cref="Cells"/> under the given costs, or null.</param>
/// <param name="Curves">ROC, precision–recall and lift curves, thinned.</param>
/// <param name="CostWeightedAccuracy">The cost-weighted accuracy of <see cref="Cells"/> (<see cref="BinaryCounts.CostWeightedAccuracy"/>), or null without costs or when every decision costs the same.</param>
public sealed record ClassResult(
    int Index,
    string Name,
    double Precision,
    double Recall,
    double F1,
    long Support,
    BinaryCounts Cells,
    double? Auc,
    double? AveragePrecision,
    double? BreakEven,
    IReadOnlyList<LiftAt> Lift,
    BinaryCounts AtThreshold,
    double? Cost,
    ClassCurves Curves,
    double? CostWeightedAccuracy);

/// <summary>Lift of the top <see cref="Fraction"/> of examples.</summary>
public sealed record LiftAt(double Fraction, double? Lift);

/// <summary>A class's curves as (x, y) pairs: ROC (FPR, TPR), precision–recall (recall, precision), lift (fraction, lift).</summary>
public sealed record ClassCurves(double[][] Roc, double[][] PrecisionRecall, double[][] Lift);
