using System.Text;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Output;
using Kessan.Verify.Reading;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Kessan.Tests.Verify;

/// <summary>
/// Releases given to verify as PDF: real releases as a browser lays them out (tests/data/pdf), Kessan's own published
/// PDF, and small PDFs made here with a table placed word by word, to plant an error and see it found at its page.
/// </summary>
public sealed class PdfReaderTests
{
    private static string Pdf(string name) => Path.Combine(VerifyTestData.Data, "pdf", name);

    private static FileReport VerifyBytes(byte[] pdf, string name = "release.pdf")
    {
        var path = Path.Combine(Path.GetTempPath(), $"kessan-pdf-{Guid.NewGuid():N}-{name}");
        File.WriteAllBytes(path, pdf);
        try
        {
            return Verifier.VerifyFile(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int Checked(FileReport report, RelationKind kind) =>
        report.Coverage!.Kinds.TryGetValue(kind, out var k) ? k.Checked : 0;

    private static int Held(FileReport report, RelationKind kind) =>
        report.Coverage!.Kinds.TryGetValue(kind, out var k) ? k.Passed : 0;

    [Fact]
    public void Kessans_own_release_as_pdf_is_read_and_holds()
    {
        // The bundled example as `kessan build` prints it: the same statements and tables as release.html, with
        // labels wrapped over two lines around their figures and headings centred over groups of columns.
        var report = Verifier.VerifyFile(Pdf("iij-2003q1-release.pdf"));

        report.Unusable.ShouldBeFalse();
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.TablesWithFigures.ShouldBe(12); // every table but Table 7, of two rows
        Checked(report, RelationKind.Footing).ShouldBeGreaterThanOrEqualTo(120);
        Held(report, RelationKind.Footing).ShouldBe(Checked(report, RelationKind.Footing));
        Checked(report, RelationKind.PercentChange).ShouldBeGreaterThanOrEqualTo(90);
        Checked(report, RelationKind.PercentOfTotal).ShouldBeGreaterThanOrEqualTo(60);
        Checked(report, RelationKind.Sentence).ShouldBeGreaterThanOrEqualTo(50);

        // Every finding with a place is at a page and a line on it, and so is every sentence in the list of checks.
        report.Findings.Where(f => f.Line > 0).ShouldAllBe(f => f.Location!.Value.Page > 0);
        report.Coverage.Explained.Where(l => l.StartsWith("sentence:", StringComparison.Ordinal)).ShouldAllBe(l => l.StartsWith("sentence: page ", StringComparison.Ordinal));
        report.Coverage.Explained.ShouldContain(l => l.StartsWith("sentence: page 1, line 14: JPY 8,344 million against \"Total revenues\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_real_release_as_pdf_gives_no_false_alarm()
    {
        var report = Verifier.VerifyFile(Pdf("arista_networks_2026q2.pdf"));

        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        Checked(report, RelationKind.Footing).ShouldBeGreaterThanOrEqualTo(36);
        Held(report, RelationKind.Footing).ShouldBe(Checked(report, RelationKind.Footing));
    }

    [Fact]
    public void The_error_the_html_release_shows_is_found_in_its_pdf_too()
    {
        // Adobe's Q1 FY2023 cash flow statement: financing (1,400) + (95) + (19) = (1,514), printed (2,014). The same
        // finding as in the HTML, at its page, and nothing else: the cash flow statement's long labels ("Adjustments
        // to reconcile net income to net cash provided by operating activities:", a label wrapped before its figures)
        // are rows of the table, not sentences between two tables.
        var report = Verifier.VerifyFile(Pdf("adobe_fy2023q1.pdf"));

        var error = report.Findings.Where(f => f.Severity == Severity.Error).ShouldHaveSingleItem();
        error.Code.ShouldBe("verify.total-does-not-foot");
        error.Message.ShouldContain("\"Net cash used for financing activities\"");
        error.Actual!.Value.Value.ShouldBe(-2014m);
        error.Expected!.Value.Value.ShouldBe(-1514m);
        error.Location!.Value.Page.ShouldBe(7);
        Checked(report, RelationKind.Footing).ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public void A_total_that_does_not_foot_is_found_at_its_page_and_line()
    {
        VerifyBytes(Statement(total: "1,200")).Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();

        var report = VerifyBytes(Statement(total: "1,250"));
        var error = report.Findings.Where(f => f.Severity == Severity.Error).ShouldHaveSingleItem();
        error.Code.ShouldBe("verify.total-does-not-foot");
        error.Location!.Value.Page.ShouldBe(2);
        error.Line.ShouldBe(6); // title, unit, headings, two items, the total
        error.ToString().ShouldStartWith($"{report.Path} (page 2, line 6): error verify.total-does-not-foot");

        var json = new StringWriter();
        using (var writer = new ReportWriter.JsonDocumentWriter(json))
        {
            writer.Write(report);
        }

        json.ToString().ShouldContain("\"line\":6,\"column\":0,\"page\":2");
    }

    [Fact]
    public void A_pdf_is_known_by_its_bytes_whatever_its_name()
    {
        var report = VerifyBytes(Statement(total: "1,250"), "release.txt");
        report.Findings.ShouldContain(f => f.Code == "verify.total-does-not-foot");
    }

    [Fact]
    public void A_damaged_pdf_is_reported_not_thrown()
    {
        var whole = Statement(total: "1,200");
        var report = VerifyBytes(whole[..(whole.Length / 3)]);
        report.Unusable.ShouldBeTrue();
        var problem = report.Findings.ShouldHaveSingleItem();
        problem.Severity.ShouldBe(Severity.Error);
        problem.Code.ShouldBeOneOf("verify.unreadable-pdf", "verify.pdf-without-text");
    }

    [Fact]
    public void Garbage_after_the_pdf_mark_is_an_unreadable_pdf()
    {
        var report = VerifyBytes(Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not a PDF at all\n"));
        report.Unusable.ShouldBeTrue();
        report.Findings.ShouldHaveSingleItem().Code.ShouldBe("verify.unreadable-pdf");
    }

    [Fact]
    public void Damaged_pdfs_never_crash_verify()
    {
        // Bytes changed at random places, and the file cut at random lengths: whatever the parser makes of them, verify
        // answers with a report (findings, or why the file cannot be used), never an exception.
        var whole = Statement(total: "1,200");
        var random = new Random(20261203);
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])whole.Clone();
            for (var k = 0; k < 1 + (i % 8); k++)
            {
                bytes[random.Next(16, bytes.Length)] = (byte)random.Next(256);
            }

            var cut = i % 3 == 0 ? bytes[..random.Next(8, bytes.Length)] : bytes;
            var report = VerifyBytes(cut);
            (report.Unusable ? report.Findings.Count == 1 : report.Coverage is not null).ShouldBeTrue();
        }
    }

    [Fact]
    public void A_pdf_without_text_says_so()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(595, 842);
        var report = VerifyBytes(builder.Build());
        report.Unusable.ShouldBeTrue();
        report.Findings.ShouldHaveSingleItem().Code.ShouldBe("verify.pdf-without-text");
    }

    [Fact]
    public void A_scanned_page_among_pages_of_text_is_reported()
    {
        var report = VerifyBytes(Statement(total: "1,200", scannedPage: true));
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Findings.ShouldContain(f => f.Code == "verify.pdf-pages-without-text" && f.Message.StartsWith("1 page of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Layout_keeps_figures_right_aligned_under_a_long_label()
    {
        // A label longer in characters than the room it takes on the page pushes the whole column, never one row.
        var words = new List<PdfReleaseReader.PlacedWord>
        {
            new("Revenue", 50, 80, 700, 10),
            new("1,234", 200, 225, 700, 10),
            new("Investments in and advances to equity method investees", 50, 190, 688, 10),
            new("99", 215, 225, 688, 10),
        };

        var lines = PdfReleaseReader.Layout(words);
        lines.Count.ShouldBe(2);
        lines[0].TrimEnd().Length.ShouldBe(lines[1].TrimEnd().Length);
        lines[1].ShouldContain("investees   99");
    }

    /// <summary>
    /// A two-page release: a paragraph on page 1, and on page 2 a statement whose total is <paramref name="total"/>
    /// (700 + 500 = 1,200 in the first column), figures right-aligned as a typesetter sets them.
    /// </summary>
    private static byte[] Statement(string total, bool scannedPage = false)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(595, 842);
        first.AddText("Example Corp reports its results for the second quarter of 2025.", 10, new PdfPoint(50, 780), font);

        var page = builder.AddPage(595, 842);
        void Left(string text, double x, double y) => page.AddText(text, 10, new PdfPoint(x, y), font);
        void Right(string text, double right, double y)
        {
            var width = page.MeasureText(text, 10, new PdfPoint(0, 0), font).Max(l => l.BoundingBox.Right);
            page.AddText(text, 10, new PdfPoint(right - width, y), font);
        }

        Left("CONSOLIDATED STATEMENTS OF OPERATIONS", 50, 780);
        Left("(in millions)", 50, 766);
        Right("Jun 30, 2025", 300, 740);
        Right("Jun 30, 2024", 400, 740);
        var rows = new[] { ("Product sales", "700", "600"), ("Service sales", "500", "400"), ("Total revenues", total, "1,000") };
        var y = 726.0;
        foreach (var (label, a, b) in rows)
        {
            Left(label, 50, y);
            Right(a, 300, y);
            Right(b, 400, y);
            y -= 14;
        }

        if (scannedPage)
        {
            var scan = builder.AddPage(595, 842);
            scan.AddPng(Convert.FromBase64String(OnePixelPng), new PdfRectangle(0, 0, 595, 842));
        }

        return builder.Build();
    }

    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
}
