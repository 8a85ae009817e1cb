// Time and peak memory of exporting the zoo's 4.3-billion-parameter BatchNormalization example
// (about 16 GiB of float32 weights) from the model zoo.
//
//   dotnet run -c Release --project benchmarks/ExportLarge -- [opset] [folder] [image-size]
//
// The export runs in this process; weights are generated chunk by chunk as they are written
// to the external data file, so peak memory stays far below the weight size. Afterwards
// the model is loaded back and the first and last megabyte of the large Dense kernel are
// compared with the generator. The output folder is deleted at the end.
using System.Diagnostics;
using System.Globalization;
using OnnxKit.Exporter.Export;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.Serialization;

int opset = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : ExportOptions.DefaultOpset;
string folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "onnxkit-export-large");
int? imageSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null;
Directory.CreateDirectory(folder);
string path = Path.Combine(folder, "batchnorm-example.onnx");
try
{
    var model = ModelZoo.Create("batchnorm-example", new ZooOptions { ImageSize = imageSize });
    long weightBytes = model.ParameterCount * sizeof(float);
    Console.WriteLine($"batchnorm-example: {model.ParameterCount:N0} parameters, {weightBytes / (double)(1L << 30):F2} GiB, opset {opset}");

    var clock = Stopwatch.StartNew();
    model.Export(path, new ExportOptions { Opset = opset, Seed = 1, ExternalData = ExternalDataMode.External });
    double seconds = clock.Elapsed.TotalSeconds;
    using var self = Process.GetCurrentProcess();
    long peak = self.PeakWorkingSet64;
    long written = new FileInfo(path).Length + new FileInfo(path + ".data").Length;
    Console.WriteLine($"export  {seconds,8:F1} s  {written / seconds / (1 << 20),8:F0} MiB/s  peak RSS {peak / (1 << 20)} MiB = {(double)peak / weightBytes:F4} × weight bytes");

    var loaded = OnnxFile.Load(path);
    var kernel = loaded.Graph.Initializers["dense/kernel"]!.ConstValue!;
    var expected = model.Weights.Single(w => w.FullName == "dense/kernel").GetValue(1);
    Console.WriteLine(SameEnds(kernel, expected) ? "check   dense/kernel matches the generator at both ends" : "check   MISMATCH in dense/kernel");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static bool SameEnds(ITensor stored, ITensor generated)
{
    const int window = 1 << 20;
    using var a = stored.OpenRead();
    using var b = generated.OpenRead();
    var first = new byte[window];
    var second = new byte[window];
    a.ReadExactly(first);
    b.ReadExactly(second);
    if (!first.AsSpan().SequenceEqual(second)) return false;
    // Skip to the last window of both streams.
    long skip = stored.ByteCount - 2L * window;
    var sink = new byte[1 << 22];
    foreach (var stream in new[] { a, b })
    {
        for (long left = skip; left > 0;) left -= stream.Read(sink, 0, (int)Math.Min(sink.Length, left));
    }
    a.ReadExactly(first);
    b.ReadExactly(second);
    return first.AsSpan().SequenceEqual(second);
}
