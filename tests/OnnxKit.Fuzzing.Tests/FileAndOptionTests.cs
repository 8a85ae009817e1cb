using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Fuzzing.Tests;

/// <summary>
/// The file, option and output classes of issue 19: model paths that are not regular files, inputs that
/// inflate or carry trailing data, outputs that are folders or lie under a file, out-of-range numbers, and
/// temporary files left by an interrupted write. Each ends in time with a clear message and leaves no file.
/// </summary>
public sealed class FileAndOptionTests
{
    private const int Usage = 2, Invalid = 3, Failed = 1;

    [Fact]
    public void Model_paths_that_are_not_regular_files_are_usage_errors()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("folder.onnx"));
        Mkfifo(dir.File("pipe.onnx"));
        foreach (var command in new[] { "inspect", "check", "summary", "run", "bench", "view" })
        {
            LimitedCli.Expect([Usage], "is a directory, not a file", dir.Path, command, dir.File("folder.onnx"));
            LimitedCli.Expect([Usage], "is a FIFO (named pipe), not a regular file", dir.Path, command, dir.File("pipe.onnx"));
            LimitedCli.Expect([Usage], "'/dev/zero' is a character device", dir.Path, command, "/dev/zero");
            LimitedCli.Expect([Usage], "empty", dir.Path, command, "");
        }
        LimitedCli.Expect([Usage], "the model path is empty", dir.Path, "optimize", "", "-o", dir.File("o.onnx"));
    }

    [Fact]
    public void A_model_file_of_two_gibibytes_less_one_byte_is_refused_unread()
    {
        using var dir = new TempFolder();
        using (var file = File.Create(dir.File("huge.onnx"))) file.SetLength(int.MaxValue); // sparse: takes no disk
        LimitedCli.Expect([Invalid], "the file has 2147483647 bytes, more than protobuf's 2 GiB limit", dir.Path, "check", dir.File("huge.onnx"));
    }

    [Fact]
    public void An_archive_entry_that_inflates_past_the_budget_is_refused_before_inflating()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.Relu([1, 4]));
        // 256 MiB of zeros deflate to about 256 KiB
        using (var archive = ZipFile.Open(dir.File("bomb.npz"), ZipArchiveMode.Create))
        using (var stream = archive.CreateEntry("x.npy", CompressionLevel.SmallestSize).Open())
        {
            WriteNpyHeader(stream, "(67108864,)");
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) stream.Write(zeros);
        }
        Assert.True(new FileInfo(dir.File("bomb.npz")).Length < 2 << 20);
        LimitedCli.Expect([Failed], "bomb.npz:x.npy: entry of 256 MiB uncompressed", dir.Path,
            "run", dir.File("m.onnx"), "--input", dir.File("bomb.npz"), "--max-tensor-bytes", "64MiB");
    }

    [Fact]
    public void Npy_data_followed_by_more_bytes_is_refused()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.Relu([1, 4]));
        using (var file = File.Create(dir.File("x.npy")))
        {
            WriteNpyHeader(file, "(1, 4)");
            file.Write(new byte[16 + 7]);
        }
        LimitedCli.Expect([Invalid], "there is data after the 16 bytes its header describes", dir.Path, "run", dir.File("m.onnx"), "--input", $"x={dir.File("x.npy")}");
    }

    [Fact]
    public void Outputs_that_are_folders_or_lie_under_a_file_are_refused_before_writing()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.Relu([1, 4]));
        Directory.CreateDirectory(dir.File("out"));
        File.WriteAllText(dir.File("file"), "");
        string model = dir.File("m.onnx");
        LimitedCli.Expect([Failed], "it is a folder", dir.Path, "optimize", model, "-o", dir.File("out"));
        LimitedCli.Expect([Failed], "it is a folder", dir.Path, "optimize", model, "-o", dir.File("o.onnx"), "--report", dir.File("out"));
        LimitedCli.Expect([Failed], "it is a folder", dir.Path, "export", "lenet5", "--opset", "17", "-o", dir.File("out"));
        LimitedCli.Expect([Failed], "it is a folder", dir.Path, "bench", model, "-n", "2", "--json", dir.File("out"));
        LimitedCli.Expect([Failed], "is a file, not a folder", dir.Path, "run", model, "--output-dir", dir.File("file"));
        LimitedCli.Expect([Failed], "is a file, not a folder", dir.Path, "view", model, "-o", Path.Combine(dir.File("file"), "v.html"));
    }

    [Theory]
    [InlineData("bench", "--threads", "100000", "--threads 100000 is out of range; it must be between 0 and 256")]
    [InlineData("bench", "--concurrency", "100000", "--concurrency 100000 is out of range")]
    [InlineData("bench", "--duration", "1e308", "--duration 1E+308 is out of range")]
    [InlineData("bench", "--warmup", "-1", "--warmup -1 is out of range")]
    [InlineData("bench", "--batch", "4294967296", "--batch '4294967296'")]
    [InlineData("run", "--threads", "-3", "--threads -3 is out of range")]
    [InlineData("run", "--max-tensor-bytes", "lots", "--max-tensor-bytes 'lots' is not a byte count")]
    [InlineData("run", "--timeout", "-1", "--timeout -1 is out of range")]
    [InlineData("run", "--timeout", "1e8", "--timeout 100000000 is out of range")]
    [InlineData("optimize", "--verify", "100000000", "--verify 100000000 is out of range")]
    [InlineData("optimize", "--rtol", "NaN", "--rtol NaN is out of range")]
    [InlineData("check", "--max-loop-iterations", "0", "--max-loop-iterations 0 is out of range")]
    public void Numeric_options_out_of_range_are_usage_errors_naming_the_option(string command, string option, string value, string message)
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.Relu([1, 4]));
        LimitedCli.Expect([Usage], message, dir.Path, command, dir.File("m.onnx"), option, value);
    }

    [Fact]
    public void An_export_too_large_for_the_budget_is_refused_before_anything_is_written()
    {
        using var dir = new TempFolder();
        LimitedCli.Expect([Usage], "--image-size 999999 is out of range", dir.Path, "export", "lenet5", "--opset", "17", "--image-size", "999999", "-o", dir.File("l.onnx"));
        LimitedCli.Expect([Failed], "weight 'dense/kernel' float[63872064,120] needs 29 GiB", dir.Path,
            "export", "lenet5", "--opset", "17", "--image-size", "8000", "-o", dir.File("l.onnx"));
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void A_run_past_its_time_limit_is_stopped_naming_the_option()
    {
        using var dir = new TempFolder();
        // 9,000,000 iterations: under the iteration limit, but far longer than one second on either backend
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.Loop(tripCount: 9_000_000, condition: null));
        foreach (var backend in new[] { "ort", "reference" })
            LimitedCli.Expect([Failed], "was stopped after 1 s (raise it with --timeout)", dir.Path, "run", dir.File("m.onnx"), "--backend", backend, "--timeout", "1");
    }

    [Fact]
    public void Sigterm_during_an_export_removes_its_temporary_files_and_the_next_write_sweeps_a_killed_ones()
    {
        using var dir = new TempFolder();
        // a large export (about 1 GiB of weights) that is still writing when the signal comes
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"), "export", "lenet5", "--opset", "17", "--image-size", "1024", "-o", dir.File("l.onnx") })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var clock = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(dir.Path, ".*.tmp").Any() && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
        Assert.NotEmpty(Directory.EnumerateFiles(dir.Path, ".*.tmp"));
        Assert.Equal(0, Kill(process.Id, "TERM"));
        Assert.True(process.WaitForExit(30_000));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, ".*.tmp"));
        Assert.False(File.Exists(dir.File("l.onnx")));

        // a writer killed outright (pid 2^22 is above Linux's pid_max, so never running) leaves a file behind;
        // the next write into the folder removes it once it is a minute old
        string stale = dir.File($".l.onnx.data.{1 << 22}-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "partial");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        string young = dir.File($".l.onnx.{1 << 22}-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(young, "maybe another machine's");
        File.WriteAllBytes(dir.File("m.onnx"), HostileModels.Relu([1, 4]));
        var outcome = LimitedCli.Run("optimize", dir.File("m.onnx"), "-o", dir.File("opt.onnx"));
        Assert.Equal(0, outcome.ExitCode);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(young));
        File.Delete(young);
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
        return kill.ExitCode;
    }

    private static void Mkfifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static void WriteNpyHeader(Stream stream, string shape)
    {
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";
        header = header.PadRight(header.Length + (64 - (10 + header.Length + 1) % 64) % 64) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.Latin1.GetBytes(header));
    }
}
