using System.Globalization;
using System.IO.Compression;
using Kessan.Build;
using Kessan.Definitions;
using Kessan.Model;
using Kessan.Render;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Kessan.Publish;

/// <summary>
/// <c>release.xlsx</c>, the workbook analysts and auditors tick in: one sheet per table and statement in the release's
/// order and layout, each figure a number holding the published (rounded, footing) value with a number format that
/// shows it as published; a sheet of every fact in base units with its period; a sheet of the rounding adjustments.
/// Percents are stored as fractions (-0.057 shown as -5.7%), amounts in the table's scale, which its title states.
/// </summary>
public static class WorkbookWriter
{
    public const string FactsSheet = "Facts";
    public const string RoundingSheet = "Rounding adjustments";

    /// <summary>The time every entry of the workbook's zip carries, so that the same release gives the same bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The workbook's bytes: the same for the same release, run after run (every zip entry carries the same fixed
    /// time). Written forward, sheet by sheet and row by row, with SpreadCheetah: unlike the Open XML SDK's document
    /// tree, it brings no thousands of schema types into the native executable, each of which cost every kessan command
    /// time at start-up (bench/README.md). Numbers are stored as spreadsheets store them, as binary floating point: a
    /// figure keeps its digits up to the 15 significant digits a spreadsheet holds.
    /// </summary>
    public static byte[] Write(ReleaseDefinition definition, ReleaseDocument document, FactSet facts)
    {
        var written = WriteAsync(definition, document, facts);

        // Written into memory: every step completes at once, so nothing waits here.
        return written.IsCompletedSuccessfully ? written.Result : written.AsTask().GetAwaiter().GetResult();
    }

    private static async ValueTask<byte[]> WriteAsync(ReleaseDefinition definition, ReleaseDocument document, FactSet facts)
    {
        using var stream = new MemoryStream();
        var options = new SpreadCheetahOptions
        {
            DefaultFont = new DefaultFont { Name = "Arial", Size = 10 },
            DocumentProperties = null, // no docProps with the time of writing: the same release gives the same bytes
            PreserveStringWhitespace = true, // row labels keep their indentation
            WriteCellReferenceAttributes = true,
        };
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, options).ConfigureAwait(false))
        {
            var styles = new Styles(spreadsheet);
            var names = ReservedSheetNames();
            foreach (var table in document.Blocks.OfType<RenderedTable>())
            {
                await AddSheetAsync(spreadsheet, SheetName(table.Title, table.Id, names), TableSheet(definition, table, styles)).ConfigureAwait(false);
            }

            await AddSheetAsync(spreadsheet, FactsSheet, FactSheet(definition, facts, styles)).ConfigureAwait(false);
            await AddSheetAsync(spreadsheet, RoundingSheet, RoundingSheetOf(definition, document, styles)).ConfigureAwait(false);
            await spreadsheet.FinishAsync().ConfigureAwait(false);
        }

        return WithFixedTimes(stream.ToArray());
    }

    /// <summary>The same zip, its entries in the same order and compressed alike, each dated <see cref="EntryTime"/>.</summary>
    private static byte[] WithFixedTimes(byte[] zip)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    /// <summary>A sheet's rows before they are written: cells, widths, and how many rows stay frozen at the top.</summary>
    private sealed record SheetContent(List<Cell[]> Rows, double[] Widths, int FrozenRows);

    private static SheetContent TableSheet(ReleaseDefinition definition, RenderedTable table, Styles styles)
    {
        var rows = new List<Cell[]>();
        var style = definition.Tables.FirstOrDefault(t => t.Id == table.Id)?.Style;
        var figures = PublishedFigures.Of(definition, table).ToDictionary(f => (f.Row, f.Column));
        foreach (var line in table.Title.Where(l => l.Trim().Length > 0))
        {
            rows.Add([Text(line, styles.Bold)]);
        }

        rows.Add([]);
        foreach (var header in table.Header)
        {
            rows.Add(header.Select((h, i) => Text(h, i == 0 ? styles.Bold : styles.Header)).ToArray());
        }

        var frozen = rows.Count;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var total = PublishedFigures.IsTotal(definition, table.Id, PublishedFigures.RowOf(definition, table.Id, r)?.Concept);
            var cells = new Cell[row.Cells.Count + 1];
            cells[0] = Text(row.Label, row.IsHeading || total ? styles.Bold : null);
            for (var c = 0; c < row.Cells.Count; c++)
            {
                cells[c + 1] = figures.TryGetValue((r, c), out var figure)
                    ? Number(figure.IsPercent ? figure.Cell.Shown!.Value / 100m : figure.Cell.Shown!.Value, styles.Figure(figure, style, total))
                    : Text(row.Cells[c].Text, styles.Right);
            }

            rows.Add(cells);
        }

        foreach (var note in table.Notes)
        {
            rows.Add([]);
            rows.Add([Text(note, null)]);
        }

        var labelWidth = Math.Clamp(table.Rows.Select(r => r.Label.Length).DefaultIfEmpty(10).Max() * 1.05 + 2, 12, 70);
        var widths = new[] { labelWidth }.Concat(Enumerable.Repeat(14.0, table.ColumnCount)).ToArray();
        return new SheetContent(rows, widths, frozen);
    }

    private static SheetContent FactSheet(ReleaseDefinition definition, FactSet facts, Styles styles)
    {
        var rows = new List<Cell[]>
        {
            new[] { "Concept", "Label", "Period type", "Start", "End", "Value (base units)", "Unit", "Known to (decimals)" }.Select(h => Text(h, styles.Bold)).ToArray(),
        };
        foreach (var fact in facts.All.OrderBy(f => f.Concept, StringComparer.Ordinal).ThenBy(f => f.Period))
        {
            var concept = definition.Concepts.GetValueOrDefault(fact.Concept);
            rows.Add(
            [
                Text(fact.Concept, null),
                Text(concept?.Label ?? "", null),
                Text(fact.Period.IsInstant ? "instant" : "duration", null),
                Text(fact.Period.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", null),
                Text(fact.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null),
                Number(fact.Value, styles.BaseUnits),
                Text(concept?.Unit ?? "", null),
                fact.Decimals is { } d ? Number(d, null) : Text("exact", null),
            ]);
        }

        return new SheetContent(rows, [38, 46, 11, 12, 12, 22, 10, 12], 1);
    }

    private static SheetContent RoundingSheetOf(ReleaseDefinition definition, ReleaseDocument document, Styles styles)
    {
        var rows = new List<Cell[]>
        {
            new[] { "Table", "Row", "Column", "Exact", "Shown", "Plain rounding" }.Select(h => Text(h, styles.Bold)).ToArray(),
        };
        foreach (var table in document.Blocks.OfType<RenderedTable>())
        {
            foreach (var figure in PublishedFigures.Of(definition, table).Where(f => f.Cell.Adjusted && f.Cell.Exact is not null))
            {
                var plain = Math.Round(figure.Cell.Exact!.Value, figure.Decimals, MidpointRounding.AwayFromZero);
                rows.Add(
                [
                    Text(table.Title.FirstOrDefault(t => t.Trim().Length > 0) ?? table.Id, null),
                    Text(table.Rows[figure.Row].Label, null),
                    Text(ColumnHeading(table, figure.Column + 1), null),
                    Number(figure.Cell.Exact.Value, styles.BaseUnits),
                    Number(figure.Cell.Shown!.Value, styles.BaseUnits),
                    Number(plain, styles.BaseUnits),
                ]);
            }
        }

        return new SheetContent(rows, [50, 44, 30, 16, 12, 14], 1);
    }

    /// <summary>A column's heading: its header cells top to bottom, an upper cell standing for the empty ones after it.</summary>
    public static string ColumnHeading(RenderedTable table, int column)
    {
        var parts = new List<string>();
        foreach (var header in table.Header)
        {
            for (var c = Math.Min(column, header.Count - 1); c >= 1; c--)
            {
                if (header[c].Trim().Length > 0)
                {
                    parts.Add(header[c].Trim());
                    break;
                }

                if (header == table.Header[^1])
                {
                    break;
                }
            }
        }

        return string.Join(" ", parts.Distinct());
    }

    /// <summary>A sheet: its column widths, its first column and top rows frozen, then its rows.</summary>
    private static async ValueTask AddSheetAsync(Spreadsheet spreadsheet, string name, SheetContent content)
    {
        var options = new WorksheetOptions();
        if (content.FrozenRows > 0)
        {
            options.FrozenColumns = 1;
            options.FrozenRows = content.FrozenRows;
        }

        for (var i = 0; i < content.Widths.Length; i++)
        {
            options.Column(i + 1).Width = content.Widths[i];
        }

        await spreadsheet.StartWorksheetAsync(name, options).ConfigureAwait(false);
        foreach (var row in content.Rows)
        {
            await spreadsheet.AddRowAsync(row).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The names a table's sheet cannot take: the other two sheets', and History, which Excel keeps for itself.
    /// </summary>
    internal static HashSet<string> ReservedSheetNames() => new(StringComparer.OrdinalIgnoreCase) { FactsSheet, RoundingSheet, "History" };

    /// <summary>
    /// A table's sheet name: "Table 2" from a title line "Table 2. Connectivity Services", else the table's id; made one a
    /// spreadsheet accepts (none of <c>[]:*?/\</c> or control characters, no quote at either end, not empty, at most 31
    /// characters) and unlike every name in <paramref name="taken"/> (letter case aside), to which it is added.
    /// </summary>
    internal static string SheetName(IReadOnlyList<string> title, string id, HashSet<string> taken)
    {
        var numbered = title.FirstOrDefault(l => l.StartsWith("Table ", StringComparison.Ordinal));
        var name = numbered is not null && numbered.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? numbered[..dot] : id;
        name = new string(name.Select(ch => "[]:*?/\\".Contains(ch, StringComparison.Ordinal) || char.IsControl(ch) ? '-' : ch).ToArray());
        name = Clean(Cut(Clean(name), 31));
        if (name.Length == 0)
        {
            name = "Table";
        }

        var unique = name;
        for (var i = 2; !taken.Add(unique); i++)
        {
            unique = $"{Clean(Cut(name, 27))} {i}";
        }

        return unique;

        static string Clean(string text) => text.Trim().Trim('\'').Trim();

        // At most length characters, never half of a character written as a surrogate pair.
        static string Cut(string text, int length) =>
            text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
    }

    private static Cell Text(string text, StyleId? style) => new(text, style);

    /// <summary>
    /// A number as a spreadsheet holds it, binary floating point: the one nearest the exact decimal, as a spreadsheet
    /// reading the decimal's text would take it (a negative zero is zero).
    /// </summary>
    private static Cell Number(decimal value, StyleId? style) =>
        new(double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture), style);

    /// <summary>The workbook's cell styles, added as they are needed: number formats per decimals, percent and negative style.</summary>
    private sealed class Styles(Spreadsheet spreadsheet)
    {
        private readonly Dictionary<(string? NumberFormat, bool Bold, bool Right), StyleId> added = [];

        public StyleId Bold => Get(null, bold: true, right: false);

        public StyleId Header => Get(null, bold: true, right: true);

        public StyleId Right => Get(null, bold: false, right: true);

        public StyleId BaseUnits => Get("#,##0.########", bold: false, right: false);

        public StyleId Figure(PublishedFigure figure, Kessan.Definitions.TableStyle? style, bool bold)
        {
            var digits = figure.Decimals > 0 ? "." + new string('0', figure.Decimals) : "";
            var parentheses = style?.Negative != NegativeStyle.Minus;
            var body = figure.IsPercent ? "0" + digits + "%" : "#,##0" + digits;
            var zero = !figure.IsPercent && style?.Zero is { Length: > 0 } z && z.Any(ch => !char.IsDigit(ch) && ch != '.') ? $";\"{z}\"" : "";
            var code = parentheses ? $"{body};({body}){zero}" : $"{body};-{body}{zero}";
            return Get(code, bold, right: true);
        }

        private StyleId Get(string? numberFormat, bool bold, bool right)
        {
            if (!added.TryGetValue((numberFormat, bold, right), out var id))
            {
                var style = new Style();
                style.Font.Bold = bold;
                if (numberFormat is not null)
                {
                    style.Format = NumberFormat.Custom(numberFormat);
                }

                if (right)
                {
                    style.Alignment.Horizontal = HorizontalAlignment.Right;
                    style.Alignment.WrapText = true;
                }

                id = spreadsheet.AddStyle(style);
                added.Add((numberFormat, bold, right), id);
            }

            return id;
        }
    }
}
