using Spectre.Console;
using Spectre.Console.Rendering;

namespace OnnxKit.Cli.Rendering;

/// <summary>
/// Writes a Spectre.Console table so that no number, name or path is ever broken across lines, whatever the width:
/// cells without spaces never wrap (prose cells wrap between words only); when the table does not fit, the
/// right-most columns are left out (the first column names the row and stays), with a note on standard error
/// naming them; when that would leave out half of the columns or more, each row is written as
/// <c>key: value</c> lines instead. When standard output is not a terminal the width is the piped width
/// (<see cref="Terminal.PipedWidth"/>), so tables keep every column.
/// </summary>
internal static class FittedTable
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="console"/>, fitted to its width.</summary>
    public static void WriteTable(this IAnsiConsole console, Table table)
    {
        int width = console.Profile.Width;
        var options = new RenderOptions(console.Profile.Capabilities, new Size(width, console.Profile.Height));
        var rows = table.Rows.Select(row => row.ToArray()).ToArray();
        var columns = Enumerable.Range(0, table.Columns.Count).Select(c => Need.Of(table.Columns[c], rows.Select(r => c < r.Length ? r[c] : Text.Empty), options)).ToArray();
        int kept = columns.Length;
        while (kept > 1 && MinimumWidth(columns.Take(kept)) > width) kept--;
        if (kept == columns.Length)
        {
            console.Write(Project(table, rows, columns, kept, wrapHeaders: Width(columns, c => c.Natural) > width));
            return;
        }
        if ((columns.Length - kept) * 2 >= columns.Length || MinimumWidth(columns.Take(kept)) > width)
        {
            WriteVertical(console, table, rows, options);
            return;
        }
        console.Write(Project(table, rows, columns, kept, wrapHeaders: true));
        var names = table.Columns.Skip(kept).Select(c => PlainText(c.Header, options));
        Terminal.Note($"{(table.Title is { } title ? $"'{title.Text}': " : "")}column(s) {string.Join(", ", names)} left out at {width} columns; "
            + "widen the terminal, pipe the output, or use --json where the command has it.");
    }

    /// <summary>The narrowest a table of these columns can be drawn without breaking a word: columns, their padding, and the borders.</summary>
    private static int MinimumWidth(IEnumerable<Need> columns) => Width(columns, c => c.Minimum);

    /// <summary>The width of a table whose columns are <paramref name="width"/> wide, with their padding and the borders.</summary>
    private static int Width(IEnumerable<Need> columns, Func<Need, int> width)
    {
        var list = columns.ToList();
        return list.Sum(c => width(c) + c.Padding) + list.Count + 1;
    }

    /// <summary>
    /// A copy of <paramref name="table"/> with its first <paramref name="kept"/> columns; columns that are not prose get the
    /// fixed width of their longest cell (or of their header, unless <paramref name="wrapHeaders"/> lets headers wrap
    /// between words) and never wrap, so Spectre's layout can shrink only prose.
    /// </summary>
    private static Table Project(Table table, IRenderable[][] rows, Need[] columns, int kept, bool wrapHeaders)
    {
        var copy = new Table
        {
            Border = table.Border,
            BorderStyle = table.BorderStyle,
            ShowHeaders = table.ShowHeaders,
            ShowRowSeparators = table.ShowRowSeparators,
            Title = table.Title,
            Caption = table.Caption,
        };
        for (int c = 0; c < kept; c++)
        {
            var column = table.Columns[c];
            copy.AddColumn(new TableColumn(column.Header)
            {
                Alignment = column.Alignment,
                Padding = column.Padding,
                Width = columns[c].Prose ? column.Width : wrapHeaders ? columns[c].Minimum : columns[c].Natural,
                NoWrap = !columns[c].Prose,
            });
        }
        foreach (var row in rows) copy.AddRow(Enumerable.Range(0, kept).Select(c => c < row.Length ? row[c] : Text.Empty));
        return copy;
    }

    /// <summary>Each row as a block of <c>header: value</c> lines, rows separated by a blank line.</summary>
    private static void WriteVertical(IAnsiConsole console, Table table, IRenderable[][] rows, RenderOptions options)
    {
        if (table.Title is { } title) console.Write(new Markup(title.Text + Environment.NewLine, title.Style));
        var keys = table.Columns.Select(c => new Text(PlainText(c.Header, options) + ":")).ToArray();
        for (int r = 0; r < rows.Length; r++)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            for (int c = 0; c < keys.Length && c < rows[r].Length; c++) grid.AddRow(keys[c], rows[r][c]);
            console.Write(grid);
            if (r < rows.Length - 1) console.WriteLine();
        }
    }

    /// <summary>
    /// A cell is prose when it has at least two words with letters ("random (seed 0)", a pass description): it may wrap
    /// between words, never inside one. Numbers, names, paths and shapes (<c>[1, 3, 224, 224]</c>) never wrap.
    /// </summary>
    private static bool IsProse(string text) => Words(text).Count(word => word.Any(char.IsLetter)) >= 2;

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string PlainText(IRenderable renderable, RenderOptions options) =>
        string.Concat(renderable.Render(options, int.MaxValue / 2).Where(s => !s.IsControlCode).Select(s => s.IsLineBreak ? " " : s.Text));

    /// <summary>
    /// What one column needs: whether it holds prose, the narrowest it can be without breaking a word, its width with the
    /// header on one line, and its padding.
    /// </summary>
    private sealed record Need(bool Prose, int Minimum, int Natural, int Padding)
    {
        public static Need Of(TableColumn column, IEnumerable<IRenderable> cells, RenderOptions options)
        {
            var texts = cells.Select(cell => PlainText(cell, options)).ToList();
            bool prose = texts.Any(IsProse);
            // A header may wrap between its words ("p50 ratio"); a cell wraps between words only when the column is prose.
            string headerText = PlainText(column.Header, options).Trim();
            int header = Words(headerText).Select(w => w.Length).DefaultIfEmpty(0).Max();
            int cellsNeed = texts.Select(t => prose ? Words(t).Select(w => w.Length).DefaultIfEmpty(0).Max() : t.Trim().Length).DefaultIfEmpty(0).Max();
            int padding = column.Padding is { } p ? p.Left + p.Right : 2;
            return new Need(prose, Math.Max(header, cellsNeed), Math.Max(headerText.Length, cellsNeed), padding);
        }
    }
}
