// Measures what `onnxkit eval` costs over ONNX Runtime alone, in one process and one run:
//   baseline: an InferenceSession run on every batch of the data set, inputs already prepared
//             as OrtValues (no reading, no preprocessing, no metrics);
//   eval:     EvaluationRunner end to end on the same model, data and batch size (reading the
//             IDX files, preprocessing, running through OnnxKit's session, gathering outputs,
//             computing every measure).
// Rounds alternate the two; the best and median round of each and their ratio are printed.
// Usage: EvalOverhead MODEL.onnx [--data fashion-mnist:test] [--scale 1/255] [--batch 256] [--rounds 5]
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Evaluation;
using OnnxKit.Ir;
using OnnxKit.Runtime;

string model = args[0];
string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
var spec = DataSpec.Parse(Option("--data", "fashion-mnist:test"));
string[] scaleParts = Option("--scale", "1/255").Split('/');
double scale = double.Parse(scaleParts[0]) / (scaleParts.Length > 1 ? double.Parse(scaleParts[1]) : 1);
int batch = int.Parse(Option("--batch", "256"));
int rounds = int.Parse(Option("--rounds", "5"));
var preprocessing = new PreprocessingOptions { Scale = scale };
var data = DataSources.Open(spec, preprocessing);

using var onnxKit = OnnxSession.Open(model, new SessionSettings());
using var ort = new InferenceSession(model);
var binder = ModelInputBinder.Create(data, onnxKit.Inputs, preprocessing);
var bound = data.ReadBatches(batch).Select(binder.Bind).ToList();
var prepared = bound.Select(b => b.ToDictionary(p => p.Key, p => Ort(p.Value))).ToList();
string[] outputs = ort.OutputNames.ToArray();

double Baseline()
{
    var clock = Stopwatch.StartNew();
    foreach (var inputs in prepared)
    {
        using var results = ort.Run(new RunOptions(), inputs.Keys.ToArray(), inputs.Values.ToArray(), outputs);
    }
    return clock.Elapsed.TotalSeconds;
}

double OnnxKitSession()
{
    var clock = Stopwatch.StartNew();
    foreach (var inputs in bound) onnxKit.Run(inputs);
    return clock.Elapsed.TotalSeconds;
}

double ReadAndBind()
{
    var clock = Stopwatch.StartNew();
    foreach (var b in data.ReadBatches(batch)) binder.Bind(b);
    return clock.Elapsed.TotalSeconds;
}

double Eval()
{
    var clock = Stopwatch.StartNew();
    EvaluationRunner.Run([new EvaluatedModel(Path.GetFileName(model), onnxKit)], data, new EvaluationOptions { BatchSize = batch, Preprocessing = preprocessing });
    return clock.Elapsed.TotalSeconds;
}

Baseline();
Eval(); // warm both
var baseline = new List<double>();
var eval = new List<double>();
var reading = new List<double>();
var session = new List<double>();
for (int r = 0; r < rounds; r++)
{
    baseline.Add(Baseline());
    eval.Add(Eval());
    reading.Add(ReadAndBind());
    session.Add(OnnxKitSession());
}
double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
Console.WriteLine($"{Path.GetFileName(model)} on {data.Description}, batch {batch}, {rounds} rounds");
Console.WriteLine($"  ONNX Runtime alone: best {baseline.Min():0.000} s, median {Median(baseline):0.000} s");
Console.WriteLine($"  onnxkit eval:       best {eval.Min():0.000} s, median {Median(eval):0.000} s");
Console.WriteLine($"  OnnxKit's session alone (IModelBackend.Run): best {session.Min():0.000} s, median {Median(session):0.000} s");
Console.WriteLine($"  reading and preprocessing alone: best {reading.Min():0.000} s, median {Median(reading):0.000} s");
Console.WriteLine($"  eval / ORT alone:   best {eval.Min() / baseline.Min():0.00}x, median {Median(eval) / Median(baseline):0.00}x (goal: at most 1.20x)");

static OrtValue Ort(ITensor tensor) => tensor.DataType switch
{
    DataType.Float => OrtValue.CreateTensorValueFromMemory(tensor.ToArray<float>(), tensor.Dims.ToArray()),
    _ => throw new NotSupportedException($"The benchmark feeds float inputs only, not {tensor.DataType}."),
};
