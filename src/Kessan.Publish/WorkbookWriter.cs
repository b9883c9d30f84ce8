using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kessan.Build;
using Kessan.Definitions;
using Kessan.Model;
using Kessan.Render;
using CellFormat = DocumentFormat.OpenXml.Spreadsheet.CellFormat;

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
    /// The workbook's bytes: the same for the same release, run after run. Every relationship has a numbered id
    /// (rId1, rId2, ... rather than the random ones the Open XML SDK makes up) and every zip entry the same fixed time.
    /// </summary>
    public static byte[] Write(ReleaseDefinition definition, ReleaseDocument document, FactSet facts)
    {
        using var stream = new MemoryStream();
        using (var package = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = package.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            workbookPart.Workbook = new Workbook(new Sheets());
            var styles = new Styles();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var table in document.Blocks.OfType<RenderedTable>())
            {
                AddSheet(workbookPart, SheetName(table, names), TableSheet(definition, table, styles));
            }

            AddSheet(workbookPart, FactsSheet, FactSheet(definition, facts, styles));
            AddSheet(workbookPart, RoundingSheet, RoundingSheetOf(definition, document, styles));
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>(NextId(workbookPart));
            stylesPart.Stylesheet = styles.Build();
            workbookPart.Workbook.Save();
        }

        return WithFixedTimes(stream.ToArray());
    }

    /// <summary>The next free numbered relationship id of a part: rId1 for its first related part, rId2 for the next.</summary>
    private static string NextId(WorkbookPart workbookPart) =>
        "rId" + (workbookPart.Parts.Count() + 1).ToString(CultureInfo.InvariantCulture);

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
    private sealed record SheetContent(List<Row> Rows, double[] Widths, int FrozenRows);

    private static SheetContent TableSheet(ReleaseDefinition definition, RenderedTable table, Styles styles)
    {
        var rows = new List<Row>();
        var style = definition.Tables.FirstOrDefault(t => t.Id == table.Id)?.Style;
        var figures = PublishedFigures.Of(definition, table).ToDictionary(f => (f.Row, f.Column));
        foreach (var line in table.Title.Where(l => l.Trim().Length > 0))
        {
            rows.Add(RowOf(rows.Count, [Text(line, styles.Bold)]));
        }

        rows.Add(RowOf(rows.Count, []));
        foreach (var header in table.Header)
        {
            rows.Add(RowOf(rows.Count, header.Select((h, i) => Text(h, i == 0 ? styles.Bold : styles.Header)).ToList()));
        }

        var frozen = rows.Count;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var total = PublishedFigures.IsTotal(definition, table.Id, PublishedFigures.RowOf(definition, table.Id, r)?.Concept);
            var cells = new List<Cell> { Text(row.Label, row.IsHeading || total ? styles.Bold : 0) };
            for (var c = 0; c < row.Cells.Count; c++)
            {
                cells.Add(figures.TryGetValue((r, c), out var figure)
                    ? Number(figure.IsPercent ? figure.Cell.Shown!.Value / 100m : figure.Cell.Shown!.Value, styles.Figure(figure, style, total))
                    : Text(row.Cells[c].Text, styles.Right));
            }

            rows.Add(RowOf(rows.Count, cells));
        }

        foreach (var note in table.Notes)
        {
            rows.Add(RowOf(rows.Count, []));
            rows.Add(RowOf(rows.Count, [Text(note, 0)]));
        }

        var labelWidth = Math.Clamp(table.Rows.Select(r => r.Label.Length).DefaultIfEmpty(10).Max() * 1.05 + 2, 12, 70);
        var widths = new[] { labelWidth }.Concat(Enumerable.Repeat(14.0, table.ColumnCount)).ToArray();
        return new SheetContent(rows, widths, frozen);
    }

    private static SheetContent FactSheet(ReleaseDefinition definition, FactSet facts, Styles styles)
    {
        var rows = new List<Row>
        {
            RowOf(0, new[] { "Concept", "Label", "Period type", "Start", "End", "Value (base units)", "Unit", "Known to (decimals)" }.Select(h => Text(h, styles.Bold)).ToList()),
        };
        foreach (var fact in facts.All.OrderBy(f => f.Concept, StringComparer.Ordinal).ThenBy(f => f.Period))
        {
            var concept = definition.Concepts.GetValueOrDefault(fact.Concept);
            rows.Add(RowOf(rows.Count,
            [
                Text(fact.Concept, 0),
                Text(concept?.Label ?? "", 0),
                Text(fact.Period.IsInstant ? "instant" : "duration", 0),
                Text(fact.Period.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", 0),
                Text(fact.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 0),
                Number(fact.Value, styles.BaseUnits),
                Text(concept?.Unit ?? "", 0),
                fact.Decimals is { } d ? Number(d, 0) : Text("exact", 0),
            ]));
        }

        return new SheetContent(rows, [38, 46, 11, 12, 12, 22, 10, 12], 1);
    }

    private static SheetContent RoundingSheetOf(ReleaseDefinition definition, ReleaseDocument document, Styles styles)
    {
        var rows = new List<Row>
        {
            RowOf(0, new[] { "Table", "Row", "Column", "Exact", "Shown", "Plain rounding" }.Select(h => Text(h, styles.Bold)).ToList()),
        };
        foreach (var table in document.Blocks.OfType<RenderedTable>())
        {
            foreach (var figure in PublishedFigures.Of(definition, table).Where(f => f.Cell.Adjusted && f.Cell.Exact is not null))
            {
                var plain = Math.Round(figure.Cell.Exact!.Value, figure.Decimals, MidpointRounding.AwayFromZero);
                rows.Add(RowOf(rows.Count,
                [
                    Text(table.Title.FirstOrDefault(t => t.Trim().Length > 0) ?? table.Id, 0),
                    Text(table.Rows[figure.Row].Label, 0),
                    Text(ColumnHeading(table, figure.Column + 1), 0),
                    Number(figure.Cell.Exact.Value, styles.BaseUnits),
                    Number(figure.Cell.Shown!.Value, styles.BaseUnits),
                    Number(plain, styles.BaseUnits),
                ]));
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

    private static void AddSheet(WorkbookPart workbookPart, string name, SheetContent content)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>(NextId(workbookPart));
        var worksheet = new Worksheet();
        if (content.FrozenRows > 0)
        {
            var topLeft = "B" + (content.FrozenRows + 1).ToString(CultureInfo.InvariantCulture);
            worksheet.Append(new SheetViews(new SheetView(
                new Pane { HorizontalSplit = 1, VerticalSplit = content.FrozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomRight, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
            { WorkbookViewId = 0U }));
        }

        var columns = new Columns();
        for (var i = 0; i < content.Widths.Length; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = content.Widths[i], CustomWidth = true });
        }

        worksheet.Append(columns);
        worksheet.Append(new SheetData(content.Rows));
        part.Worksheet = worksheet;
        var sheets = workbookPart.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)(sheets.Count() + 1), Name = name });
    }

    private static string SheetName(RenderedTable table, HashSet<string> taken)
    {
        var title = table.Title.FirstOrDefault(l => l.StartsWith("Table ", StringComparison.Ordinal));
        var name = title is not null && title.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? title[..dot] : table.Id;
        name = new string(name.Select(ch => "[]:*?/\\".Contains(ch, StringComparison.Ordinal) ? '-' : ch).ToArray());
        name = name.Length > 31 ? name[..31] : name;
        var unique = name;
        for (var i = 2; !taken.Add(unique); i++)
        {
            unique = $"{name[..Math.Min(name.Length, 28)]} {i}";
        }

        return unique;
    }

    private static Row RowOf(int index, IReadOnlyList<Cell> cells)
    {
        var row = new Row { RowIndex = (uint)(index + 1) };
        for (var c = 0; c < cells.Count; c++)
        {
            cells[c].CellReference = ColumnName(c) + (index + 1).ToString(CultureInfo.InvariantCulture);
            row.Append(cells[c]);
        }

        return row;
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + (index - 1) % 26) + name;
        }

        return name;
    }

    private static Cell Text(string text, uint style) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(decimal value, uint style) =>
        new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style };

    /// <summary>The workbook's cell styles, made as they are needed: number formats per decimals, percent and negative style.</summary>
    private sealed class Styles
    {
        private readonly List<string> formats = [];
        private readonly List<(uint NumberFormat, bool Bold, bool Right)> cellFormats = [(0, false, false)];

        public uint Bold => Get(0, bold: true, right: false);

        public uint Header => Get(0, bold: true, right: true);

        public uint Right => Get(0, bold: false, right: true);

        public uint BaseUnits => Get(FormatId("#,##0.########"), bold: false, right: false);

        public uint Figure(PublishedFigure figure, Kessan.Definitions.TableStyle? style, bool bold)
        {
            var digits = figure.Decimals > 0 ? "." + new string('0', figure.Decimals) : "";
            var parentheses = style?.Negative != NegativeStyle.Minus;
            var body = figure.IsPercent ? "0" + digits + "%" : "#,##0" + digits;
            var zero = !figure.IsPercent && style?.Zero is { Length: > 0 } z && z.Any(ch => !char.IsDigit(ch) && ch != '.') ? $";\"{z}\"" : "";
            var code = parentheses ? $"{body};({body}){zero}" : $"{body};-{body}{zero}";
            return Get(FormatId(code), bold, right: true);
        }

        private uint FormatId(string code)
        {
            var index = formats.IndexOf(code);
            if (index < 0)
            {
                formats.Add(code);
                index = formats.Count - 1;
            }

            return (uint)(164 + index);
        }

        private uint Get(uint numberFormat, bool bold, bool right)
        {
            var index = cellFormats.IndexOf((numberFormat, bold, right));
            if (index < 0)
            {
                cellFormats.Add((numberFormat, bold, right));
                index = cellFormats.Count - 1;
            }

            return (uint)index;
        }

        public Stylesheet Build() => new(
            new NumberingFormats(formats.Select((code, i) => new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = code })) { Count = (uint)formats.Count },
            new Fonts(new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }), new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(cellFormats.Select(f => new CellFormat
            {
                NumberFormatId = f.NumberFormat,
                FontId = f.Bold ? 1U : 0U,
                FillId = 0,
                BorderId = 0,
                ApplyNumberFormat = f.NumberFormat != 0,
                ApplyFont = f.Bold,
                ApplyAlignment = f.Right,
                Alignment = f.Right ? new Alignment { Horizontal = HorizontalAlignmentValues.Right, WrapText = true } : null,
            })) { Count = (uint)cellFormats.Count });
    }
}
