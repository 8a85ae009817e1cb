using System.Diagnostics;
using System.Globalization;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Initialization;
using OnnxKit.Models;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Training.Execution;
using OnnxKit.Training.Graphs;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;

// Times OnnxKit's training steps on a zoo model (not a test; see benchmarks/training-vs-pytorch.sh).
//   epoch MODEL --batch B --threads T --steps S [--profile PREFIX]   seconds per step, after 2 warm-up steps
//   export MODEL FILE                                                 the forward model at the training opset, for PyTorch
var arguments = args.ToList();
string Option(string name, string fallback)
{
    int i = arguments.IndexOf(name);
    return i >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : fallback;
}
string mode = arguments[0], modelName = arguments[1];
var network = ModelZoo.Create(modelName);
var forward = network.ToOnnx(new ExportOptions { Opset = StepGraphBuilder.Opset, Seed = 1 });
if (mode == "export")
{
    OnnxFile.Save(forward, arguments[2]);
    return 0;
}
int batch = int.Parse(Option("--batch", "128"), CultureInfo.InvariantCulture);
int threads = int.Parse(Option("--threads", "1"), CultureInfo.InvariantCulture);
int steps = int.Parse(Option("--steps", "20"), CultureInfo.InvariantCulture);
string? profile = arguments.Contains("--profile") ? Option("--profile", "training") : null;
var weights = network.Weights;
var spec = new TrainingSpec(new SoftmaxCrossEntropy(), new Adam(1e-3f), [Metric.Accuracy],
    weights.Where(w => w.IsTrainable).Select(w => w.FullName).ToArray(), weights.Where(w => !w.IsTrainable).Select(w => w.FullName).ToArray(), 1);
var train = StepGraphBuilder.Training(forward, spec);
var evaluation = StepGraphBuilder.Evaluation(forward, spec);
using var session = new TrainingSession(train, evaluation, new SessionSettings { IntraOpThreads = threads, ProfilePrefix = profile });
var feeds = session.Feed(batch);
var random = new SeededRandom(7);
var x = feeds[0].Span<float>();
for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
var labels = feeds[1].Span<long>();
long classes = train.Data[0].ExampleDims.Length > 0 ? forward.Graph.Outputs[0].TensorType!.Shape![1].Value!.Value : 10;
for (int i = 0; i < labels.Length; i++) labels[i] = i % classes;
for (int s = 1; s <= 2; s++) session.TrainStep(batch, 1e-3f, s);
var clock = Stopwatch.StartNew();
for (int s = 3; s < 3 + steps; s++) session.TrainStep(batch, 1e-3f, s);
double perStep = clock.Elapsed.TotalSeconds / steps;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"onnxkit {modelName} batch {batch} threads {threads}: {perStep * 1000:F1} ms/step"));
return 0;
