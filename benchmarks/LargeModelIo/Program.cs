// Peak memory of saving, loading and re-saving a model of several GiB.
//
//   dotnet run -c Release --project benchmarks/LargeModelIo -- [GiB] [folder]
//
// Each phase runs in a fresh child process so its peak resident memory is its own:
//   save    build a model whose weights are generated on the fly and save it (external data)
//   load    load it and read every weight once (memory-mapped)
//   resave  load it and save a copy elsewhere (weights streamed file to file)
//   inspect load it and compute the inspection report
// The report gives each phase's peak resident set as a ratio of the weight bytes.
using System.Diagnostics;
using System.Globalization;
using OnnxKit.Inspection;
using OnnxKit.Ir;
using OnnxKit.Serialization;

if (args.Length >= 2 && args[0] == "--phase")
{
    RunPhase(args[1], args[2], double.Parse(args[3], CultureInfo.InvariantCulture));
    return;
}

double gib = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 4;
string folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "onnxkit-large-model-io");
Directory.CreateDirectory(Path.Combine(folder, "copy"));
long weightBytes = (long)(gib * (1L << 30));
Console.WriteLine($"Model with {gib} GiB of float32 weights in {folder}");
Console.WriteLine($"{"phase",-8} {"seconds",8} {"peak RSS",10} {"peak/weights",13}");
foreach (var phase in new[] { "save", "load", "resave", "inspect" })
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, ["--phase", phase, folder, gib.ToString(CultureInfo.InvariantCulture)])
    {
        RedirectStandardOutput = true,
    };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Insert(0, typeof(Program).Assembly.Location);
    using var child = Process.Start(start)!;
    string line = child.StandardOutput.ReadToEnd().Trim();
    child.WaitForExit();
    var parts = line.Split(' ');
    double seconds = double.Parse(parts[0], CultureInfo.InvariantCulture);
    long peak = long.Parse(parts[1], CultureInfo.InvariantCulture);
    Console.WriteLine($"{phase,-8} {seconds,8:F1} {peak / (1 << 20),7} MiB {(double)peak / weightBytes,12:F3}x");
}
Directory.Delete(folder, recursive: true);

static void RunPhase(string phase, string folder, double gib)
{
    string path = Path.Combine(folder, "large.onnx");
    var clock = Stopwatch.StartNew();
    switch (phase)
    {
        case "save":
            OnnxFile.Save(BuildModel((long)(gib * (1L << 30))), path);
            break;
        case "load":
            var loaded = OnnxFile.Load(path);
            double sum = 0;
            foreach (var init in loaded.Graph.Initializers)
            {
                using var stream = init.ConstValue!.OpenRead();
                var buffer = new byte[1 << 20];
                int n;
                while ((n = stream.Read(buffer)) > 0) sum += buffer[n - 1];
            }
            GC.KeepAlive(sum);
            break;
        case "resave":
            OnnxFile.Save(OnnxFile.Load(path), Path.Combine(folder, "copy", "large.onnx"));
            break;
        case "inspect":
            GC.KeepAlive(ModelInspector.Inspect(OnnxFile.Load(path)));
            break;
    }
    using var self = Process.GetCurrentProcess();
    Console.WriteLine(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds} {self.PeakWorkingSet64}"));
}

/// <summary>A chain of Add nodes, each with a 1 GiB (or smaller) generated weight.</summary>
static Model BuildModel(long totalBytes)
{
    const long chunkBytes = 1L << 30;
    var graph = new Graph("large");
    var x = new Value("x", new TensorType(DataType.Float, Shape.Of(chunkBytes / 4)));
    graph.Inputs.Add(x);
    var current = x;
    for (int i = 0; totalBytes > 0; i++, totalBytes -= chunkBytes)
    {
        long elements = Math.Min(chunkBytes, totalBytes) / 4;
        var weight = new Value($"w{i}") { ConstValue = new GeneratedTensor(DataType.Float, [elements], Fill, $"w{i}") };
        graph.Initializers.Add(weight);
        var add = new Node("", "Add", [current, weight], [$"y{i}"]);
        graph.Nodes.Add(add);
        current = add.Outputs[0];
    }
    graph.Outputs.Add(current);
    return new Model(graph, 8, [new OpsetImport("", 13)]) { ProducerName = "onnxkit-benchmark" };
}

static void Fill(long offset, Span<byte> chunk)
{
    for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)((offset + i) * 2654435761L >> 13);
}
