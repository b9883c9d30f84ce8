using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;
using Kessan.Build;
using Kessan.Publish;
using Kessan.Render;
using Kessan.Tests.Build;
using CellFormat = DocumentFormat.OpenXml.Spreadsheet.CellFormat;

namespace Kessan.Tests.Publish;

/// <summary>release.xlsx read back with the Open XML SDK (another library than the one that writes it): every figure of every table is the number release.txt shows.</summary>
public class WorkbookTests
{
    private static readonly Lazy<byte[]> Workbook = new(() =>
        WorkbookWriter.Write(ExampleRelease.Output.Definition!, ExampleRelease.Output.Document!, ExampleRelease.Output.Facts));

    private static List<(Worksheet Sheet, string Name)> Sheets(SpreadsheetDocument package) =>
        package.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()
            .Select(s => (((WorksheetPart)package.WorkbookPart.GetPartById(s.Id!)).Worksheet, s.Name!.Value!)).ToList();

    private static string TextOf(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    /// <summary>A number cell: a value of type n, which is also what a cell without a type holds (ECMA-376 Part 1, 18.3.1.4).</summary>
    private static bool IsNumber(Cell cell) => cell.CellValue is not null && (cell.DataType is null || cell.DataType.Value == CellValues.Number);

    [Fact]
    public void Every_number_of_every_table_sheet_is_the_figure_release_txt_shows()
    {
        var document = ExampleRelease.Output.Document!;
        var tables = document.Blocks.OfType<RenderedTable>().ToList();
        using var package = SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);
        var sheets = Sheets(package);
        sheets.Count.ShouldBe(tables.Count + 2, "one sheet per table, then the facts and the rounding adjustments");
        var compared = 0;
        for (var t = 0; t < tables.Count; t++)
        {
            var lines = ReleaseText.TableLines(ExampleRelease.Text, tables[t]);
            var rows = sheets[t].Sheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Where(r => r.Elements<Cell>().Skip(1).Any(c => IsNumber(c))).ToList();
            var bodyRows = tables[t].Rows.Where(r => r.Cells.Any(c => c.Shown is not null)).ToList();
            rows.Count.ShouldBe(bodyRows.Count, tables[t].Id);
            var cursor = 0;
            foreach (var row in rows)
            {
                var cells = row.Elements<Cell>().ToList();
                var line = lines.Skip(cursor).FirstOrDefault(l => l[0] == TextOf(cells[0]));
                cursor = line is null ? cursor : lines.ToList().IndexOf(line) + 1;
                line.ShouldNotBeNull($"{tables[t].Id}: release.txt has the row '{TextOf(cells[0])}'");
                for (var c = 1; c < cells.Count; c++)
                {
                    var published = ReleaseText.Figure(line[c]);
                    if (!IsNumber(cells[c]))
                    {
                        published.ShouldBeNull($"{tables[t].Id} '{line[0]}' column {c}: '{line[c]}' is a figure in release.txt but text in the workbook");
                        continue;
                    }

                    var value = decimal.Parse(cells[c].CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    var format = NumberFormat(package, cells[c]);
                    var shown = format.Contains('%', StringComparison.Ordinal) ? value * 100m : value;
                    shown.ShouldBe(published ?? 0m, $"{tables[t].Id} '{line[0]}' column {c}: release.txt shows '{line[c]}'");
                    compared++;
                }
            }
        }

        compared.ShouldBe(tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).Count(c => c.Shown is not null));
        compared.ShouldBeGreaterThan(700);
    }

    [Fact]
    public void Figures_carry_the_release_number_formats_and_the_headers_stay_frozen()
    {
        using var package = SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);
        var formats = package.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Select(f => f.FormatCode!.Value).ToList();
        formats.ShouldContain("#,##0;(#,##0)");
        formats.ShouldContain("0.0%;(0.0%)");
        formats.ShouldContain("#,##0;-#,##0;\"-\"");
        foreach (var (sheet, name) in Sheets(package))
        {
            sheet.GetFirstChild<SheetViews>()!.Descendants<Pane>().Single().State!.Value.ShouldBe(PaneStateValues.Frozen, name);
            sheet.GetFirstChild<Columns>()!.Elements<Column>().ShouldAllBe(c => c.CustomWidth! && c.Width! > 5);
        }
    }

    [Fact]
    public void The_facts_sheet_holds_every_fact_in_base_units_and_the_rounding_sheet_every_adjustment()
    {
        using var package = SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);
        var sheets = Sheets(package);
        var facts = sheets.Single(s => s.Name == WorkbookWriter.FactsSheet).Sheet.GetFirstChild<SheetData>()!.Elements<Row>().Skip(1).ToList();
        facts.Count.ShouldBe(ExampleRelease.Output.Facts.Count);
        var byKey = facts.Select(r => r.Elements<Cell>().ToList()).ToDictionary(c => (TextOf(c[0]), TextOf(c[3]), TextOf(c[4])), c => decimal.Parse(TextOf(c[5]), NumberStyles.Float, CultureInfo.InvariantCulture));
        foreach (var fact in ExampleRelease.Output.Facts.All)
        {
            // As a spreadsheet holds a number: exact to its 15 significant digits (a computed fact such as a convenience
            // translation has up to 28).
            var held = byKey[(fact.Concept, fact.Period.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", fact.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];
            Math.Abs(held - fact.Value).ShouldBeLessThanOrEqualTo(Math.Abs(fact.Value) * 1e-15m, fact.Concept);
        }

        var adjustments = sheets.Single(s => s.Name == WorkbookWriter.RoundingSheet).Sheet.GetFirstChild<SheetData>()!.Elements<Row>().Skip(1).Count();
        adjustments.ShouldBe(ExampleRelease.Output.Document!.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).Count(c => c.Adjusted));
        adjustments.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_workbook_is_valid_against_the_Office_Open_XML_schemas()
    {
        using var package = SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2007).Validate(package, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_table_gets_a_sheet_name_a_spreadsheet_accepts_and_no_two_alike()
    {
        var taken = WorkbookWriter.ReservedSheetNames();
        (string? Title, string Id, string Expected)[] tables =
        [
            ("Table 2. Connectivity Services (JPY in millions)", "t2", "Table 2"),
            (null, "statement-of-operations", "statement-of-operations"),
            (null, "Facts", "Facts 2"), // the facts sheet's own name
            (null, "rounding adjustments", "rounding adjustments 2"),
            (null, "history", "history 2"), // kept by Excel
            (null, "'quoted'", "quoted"),
            (null, "QUOTED", "QUOTED 2"),
            (null, "a/b:c*d?e[f]g\\h", "a-b-c-d-e-f-g-h"),
            (null, "tab\there", "tab-here"),
            (null, " ' ", "Table"),
            (null, "''", "Table 3"), // "Table" and "Table 2" are taken
            (null, new string('x', 40), new string('x', 31)),
            (null, new string('x', 40), new string('x', 27) + " 2"),
            ("Table 9", "t9", "t9"), // no period after the number: not a numbered title
            (null, new string('y', 30) + "😀z", new string('y', 30)), // the emoji's two halves stay together
        ];
        var names = tables.Select(t => WorkbookWriter.SheetName(t.Title is null ? [] : [t.Title], t.Id, taken)).ToList();
        names.ShouldBe(tables.Select(t => t.Expected).ToList());

        // All of them, and the two sheets after the tables, in one workbook: the writer refuses a name a spreadsheet
        // would not open.
        using var stream = new MemoryStream();
        await using var spreadsheet = await SpreadCheetah.Spreadsheet.CreateNewAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var name in names.Append(WorkbookWriter.FactsSheet).Append(WorkbookWriter.RoundingSheet))
        {
            await spreadsheet.StartWorksheetAsync(name, token: TestContext.Current.CancellationToken);
        }

        await spreadsheet.FinishAsync(TestContext.Current.CancellationToken);
        using var package = SpreadsheetDocument.Open(new MemoryStream(stream.ToArray()), false);
        Sheets(package).Select(s => s.Name).ShouldBe(names.Append(WorkbookWriter.FactsSheet).Append(WorkbookWriter.RoundingSheet).ToList());
    }

    private static string NumberFormat(SpreadsheetDocument package, Cell cell)
    {
        var stylesheet = package.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var xf = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        return stylesheet.NumberingFormats!.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId!.Value == xf.NumberFormatId!.Value)?.FormatCode!.Value ?? "";
    }
}
