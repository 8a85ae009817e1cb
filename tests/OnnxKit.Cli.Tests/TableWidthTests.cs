using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>onnxkit bench</c>'s tables (the widest the tool prints) at 40, 80 and 200 columns and piped: no number or name is
/// ever broken across lines (a table row is one line), nothing is wider than the terminal, columns are left out right to
/// left with a note on standard error, a narrow terminal gets <c>key: value</c> lines, and a pipe gets every column.
/// </summary>
public sealed class TableWidthTests : IClassFixture<TableWidthTests.Models>
{
    private readonly Models models;

    public TableWidthTests(Models models) => this.models = models;

    [Fact]
    public void At_200_columns_every_column_shows_and_each_row_is_one_line()
    {
        var result = Bench(200);
        AssertFits(result.Output, 200);
        foreach (string header in new[] { "p99.9", "max", "Peak mem", "Managed B/run", "Throughput ratio", "Creation ratio" }) Assert.Contains(header, result.Output); // headers on one line
        AssertRowsWhole(result.Output, tables: 3);
        Assert.DoesNotContain("left out", result.Error);
    }

    [Fact]
    public void At_80_columns_columns_are_left_out_or_rows_go_vertical_and_nothing_breaks()
    {
        var result = Bench(80);
        AssertFits(result.Output, 80);
        AssertRowsWhole(result.Output, tables: 1);
        // The throughput table (ten columns) cannot fit 80: its last columns are left out and named (the note wraps like
        // any text on standard error), or, when the figures
        // are wide enough that half would go, its rows become key: value lines.
        bool leftOut = System.Text.RegularExpressions.Regex.IsMatch(result.Error, @"'Throughput and resources': column\(s\) [^']*Managed\s+B/run\s+left\s+out\s+at\s+80\s+columns");
        bool vertical = Lines(result.Output).Count(l => l.StartsWith("Managed B/run:", StringComparison.Ordinal)) == 2;
        Assert.True(leftOut ^ vertical, $"left out: {leftOut}, vertical: {vertical}\n{result.Output}\n{result.Error}");
        Assert.Contains(Lines(result.Output), l => l.Contains(models.LongName, StringComparison.Ordinal)); // the long model name whole
    }

    [Fact]
    public void At_40_columns_wide_tables_become_key_value_lines()
    {
        var result = Bench(40);
        AssertFits(result.Output, 40);
        string[] lines = Lines(result.Output);
        Assert.Equal(2, lines.Count(l => l.StartsWith("Provider:", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("Managed B/run:", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("Model:", StringComparison.Ordinal) && l.EndsWith("cnn.onnx", StringComparison.Ordinal));
    }

    [Fact]
    public void Piped_output_keeps_every_column_whatever_its_width()
    {
        var result = CliRunner.RunWith(new Dictionary<string, string?> { ["COLUMNS"] = null }, BenchArguments());
        Assert.Equal(0, result.ExitCode);
        AssertRowsWhole(result.Output, tables: 3);
        Assert.Contains("Managed B/run", result.Output);
        Assert.DoesNotContain("left out", result.Error);
        Assert.DoesNotContain("note:", result.Output);
        Assert.DoesNotContain("warning:", result.Output);
    }

    private CliRunner.Result Bench(int columns)
    {
        var result = CliRunner.RunWith(new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) }, BenchArguments());
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("note:", result.Output); // notes and warnings go to standard error
        Assert.DoesNotContain("warning:", result.Output);
        return result;
    }

    private string[] BenchArguments() => ["bench", models.First, models.Second, "-n", "5", "--warmup", "1"];

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    private static void AssertFits(string output, int columns)
    {
        foreach (string line in Lines(output)) Assert.True(line.Length <= columns, $"{line.Length} > {columns} characters: '{line}'");
    }

    /// <summary>Every line of every table body names its model: a wrapped cell would add a line that does not.</summary>
    private void AssertRowsWhole(string output, int tables)
    {
        int seen = 0;
        bool inBody = false;
        foreach (string line in Lines(output))
        {
            if (line.StartsWith('├')) { inBody = true; seen++; continue; }
            if (line.StartsWith('└')) { inBody = false; continue; }
            if (inBody) Assert.True(line.Contains("cnn.onnx", StringComparison.Ordinal) || line.Contains(models.LongName, StringComparison.Ordinal), $"a table row went on to a second line: '{line}'");
        }
        Assert.True(seen >= tables, $"{seen} table(s) drawn, {tables} expected");
    }

    /// <summary>Two small models, the second with a long file name.</summary>
    public sealed class Models : IDisposable
    {
        private readonly TempFolder dir = new();

        public Models()
        {
            OnnxFile.Save(RuntimeTestModels.SmallCnn(), First);
            File.Copy(First, Second);
        }

        public string LongName => "cnn-variant-with-long-name.onnx";

        public string First => dir.File("cnn.onnx");

        public string Second => dir.File(LongName);

        public void Dispose() => dir.Dispose();
    }
}
