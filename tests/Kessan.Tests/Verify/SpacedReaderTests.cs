using FsCheck;
using FsCheck.Fluent;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;
using Kessan.Verify.Reading;

namespace Kessan.Tests.Verify;

/// <summary>
/// Tables whose columns are aligned with spaces (EDGAR text exhibits), HTML tables inside Markdown, and figures in
/// Markdown emphasis are read like any other table.
/// </summary>
public sealed class SpacedReaderTests
{
    private const string Spaced = """
                              ACME CORPORATION
                      CONSOLIDATED STATEMENT OF INCOME
                            (in thousands)
        <TABLE>
        <CAPTION>
                                                   Year Ended December 31
                                               -------------------------------
                                                                       Percent
                                                 1993        1992       Change
                                               --------    --------    -------
        <S>                                    <C>         <C>         <C>
        Revenues:
          Product sales......................  $ 12,345    $ 11,000      12.2%
          Service revenue and
            maintenance fees.................     2,655       3,000     (11.5)
                                               --------    --------
              Total revenues.................  $ 15,000    $ 14,000       7.1%
                                               ========    ========
        </TABLE>

        Revenues rose to $15,000 thousand in 1993, an increase of 7.1% over 1992.
        """;

    [Fact]
    public void Reads_a_space_aligned_table_with_dollar_column_dot_leaders_and_wrapped_labels()
    {
        var doc = ReleaseLoader.Parse("exhibit.txt", Spaced);
        var table = doc.Tables.ShouldHaveSingleItem();
        table.Title.ShouldBe("CONSOLIDATED STATEMENT OF INCOME");
        table.Context.ShouldContain("(in thousands)");
        var labels = table.Rows.Select(r => r.Cells[0].Text).ToList();
        labels.ShouldContain("Product sales");
        labels.ShouldContain("Service revenue and maintenance fees");
        labels.ShouldContain("Total revenues");
        var total = table.Rows.Single(r => r.Cells[0].Text == "Total revenues");
        total.Cells.Skip(1).Select(c => c.Text).ShouldBe(["15,000", "14,000", "7.1%"]);
        total.Line.ShouldBe(Spaced.Split('\n').ToList().FindIndex(l => l.Contains("Total revenues", StringComparison.Ordinal)) + 1);
        table.Rows.ShouldContain(r => r.Cells.Any(c => c.Text == "1993") && r.Cells.Any(c => c.Text == "Change"));
        doc.Paragraphs.ShouldContain(p => p.Text.StartsWith("Revenues rose", StringComparison.Ordinal));

        var report = Verifier.Verify(doc);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
        report.Coverage!.TablesWithFigures.ShouldBe(1);
        report.Coverage.TablesFooted.ShouldBe(1);
    }

    [Fact]
    public void A_total_that_does_not_foot_in_a_space_aligned_table_is_found()
    {
        var report = Verifier.VerifyText("exhibit.txt", Spaced.Replace("$ 15,000    $ 14,000", "$ 15,900    $ 14,000", StringComparison.Ordinal));
        report.Findings.ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot && f.Severity == Severity.Error);
    }

    private const string Release = """
        ACME Inc. today reported net sales of $1,234 million for the second quarter of 2004, an increase of 12.2% from
        the second quarter of 2003.

                              CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (In millions, except per share amounts)

                                                Three Months Ended
                                                     June 30,
                                               --------------------
                                                 2004        2003     % Change
                                               --------    --------   --------
        Net sales                              $  1,234    $  1,100      12.2%
        Cost of sales                               800         700      14.3
                                               --------    --------
        Gross profit                                434         400       8.5
        Operating expenses:
          Selling, general and administrative       200         190       5.3
          Research and development                  100          95       5.3
                                               --------    --------
            Total operating expenses                300         285       5.3
                                               --------    --------
        Operating income                            134         115      16.5
                                               ========    ========
        """;

    [Fact]
    public void A_text_release_without_edgar_markers_has_its_headings_and_percent_change_column_read()
    {
        var doc = ReleaseLoader.Parse("release.txt", Release);
        var table = doc.Tables.ShouldHaveSingleItem();
        table.Title.ShouldBe("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS");
        table.Rows[0].Cells.Skip(1).Select(c => c.Text).ShouldBe(["Three Months Ended", "Three Months Ended", "Three Months Ended"]);
        table.Rows[1].Cells.Skip(1).Select(c => c.Text).ShouldBe(["June 30,", "June 30,", ""]);
        var report = Verifier.Verify(doc);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
        report.Coverage!.Kinds[RelationKind.PercentChange].Checked.ShouldBe(7);
        Verifier.VerifyText("release.txt", Release.Replace("      16.5", "      19.5", StringComparison.Ordinal))
            .Findings.ShouldContain(f => f.Code == FindingCodes.PercentChangeWrong && f.Location!.Value.Line == 22);
    }

    [Fact]
    public void Prose_quoting_figures_is_not_a_table()
    {
        const string prose = """
            Revenues for 1993 were $15,000 thousand, compared with $14,000 thousand in
            1992, an increase of 7.1%.  Product sales rose 12.2% to $12,345 thousand and
            service revenue fell 11.5% to 2,655 from 3,000 in the prior year.  Costs were
            9,000  and 8,500  in the two years, and 1,200  and 1,100  for research.

            The Company employed 1,234 people at December 31, 1993.
            """;
        var doc = ReleaseLoader.Parse("mdna.txt", prose);
        doc.Tables.ShouldBeEmpty();
        doc.Paragraphs.Count.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void A_tab_separated_release_reads_as_before()
    {
        var doc = ReleaseLoader.Parse("s.txt", VerifyTestData.Seed);
        doc.Tables.Count.ShouldBe(13);
        doc.Tables.ShouldAllBe(t => t.Rows.All(r => r.Cells.Count > 1 || r.Cells[0].Text.Length > 0));
    }

    [Fact]
    public void An_html_table_inside_markdown_is_read()
    {
        const string md = """
            # Five-year data

            Consolidated results (in millions)

            <table>
            <tr><td></td><td>FY2024</td><td>FY2023</td></tr>
            <tr><td>Segment A</td><td>1,200</td><td>1,100</td></tr>
            <tr><td>Segment B</td><td>800</td><td>700</td></tr>
            <tr><td>Total</td><td>2,000</td><td>1,800</td></tr>
            </table>

            Total revenue rose to 2,000 million.
            """;
        var doc = ReleaseLoader.Parse("data.md", md);
        var table = doc.Tables.ShouldHaveSingleItem();
        table.Context.ShouldContain("Consolidated results (in millions)");
        var total = table.Rows.Single(r => r.Cells[0].Text == "Total");
        total.Line.ShouldBe(9);
        Verifier.Verify(doc).Coverage!.TablesFooted.ShouldBe(1);
        Verifier.VerifyText("data.md", md.Replace("<td>2,000</td>", "<td>2,900</td>", StringComparison.Ordinal))
            .Findings.ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot);
    }

    [Fact]
    public void Bold_and_italic_figures_in_markdown_are_read()
    {
        const string md = """
            Table 1. Revenues (JPY in millions)

            | Revenues | 1Q03 | 1Q02 |
            |---|---:|---:|
            | Dedicated access services | 3,321 | 3,523 |
            | Dial-up access services | *767* | 822 |
            | **Total revenues** | **4,088** | __4,345__ |

            **Total revenues** were *JPY 4,088 million*, a decrease of **5.9%** compared to 1Q02.
            """;
        var doc = ReleaseLoader.Parse("r.md", md);
        var table = doc.Tables.ShouldHaveSingleItem();
        table.Rows[^1].Cells.Select(c => c.Text).ShouldBe(["Total revenues", "4,088", "4,345"]);
        table.Rows[2].Cells[1].Text.ShouldBe("767");
        doc.Paragraphs.ShouldContain(p => p.Text == "Total revenues were JPY 4,088 million, a decrease of 5.9% compared to 1Q02.");
        var report = Verifier.Verify(doc);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
        report.Coverage!.TablesFooted.ShouldBe(1);
    }

    [Fact]
    public void The_markdown_documents_of_the_corpus_are_read()
    {
        var mitsui = ReleaseLoader.LoadFile(Path.Combine(VerifyTestData.Releases, "mitsui_co_fy2024_integrated_report_data.md")).Document!;
        var table = mitsui.Tables.ShouldHaveSingleItem();
        table.Rows.ShouldContain(r => r.Cells[0].Text == "Total Assets" && r.Cells.Any(c => c.Text == "16,899.5"));

        // A newswire copy in running text only: no table, but every sentence is read.
        var tompkins = ReleaseLoader.LoadFile(Path.Combine(VerifyTestData.Releases, "tompkins_financial_2025q2_release_text.md")).Document!;
        tompkins.Tables.ShouldBeEmpty();
        tompkins.Paragraphs.ShouldContain(p => p.Text.Contains("Net interest margin improved to 3.08% in the second quarter of 2025", StringComparison.Ordinal));
    }

    private static readonly string[] Pieces =
    [
        " ", "  ", "     ", "\n", "\n\n", "<TABLE>", "</TABLE>", "<CAPTION>", "<S>", "<C>", "<PAGE>", "\f", "$", "$ ", "1,234", "(5.7)", "12.2%",
        "-", "--", "----------", "==========", "- -----", ".....", ". . . .", "1993", "1992", "Total", "Total revenues", "Net income", "a/",
        "Revenues:", "and", "of", "(in millions)", "Percent", "Change", "Increase (Decrease)", "per share", "\t", "*", "**", "|", "<table>",
    ];

    [Fact]
    public void Random_and_mutated_text_never_throws_in_the_text_reader() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Pieces)).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (parts, cut) =>
        {
            var text = string.Concat(parts);
            var mutated = Spaced.Remove(Math.Abs(cut % Spaced.Length), Math.Min(7, Spaced.Length - Math.Abs(cut % Spaced.Length))).Insert(Math.Abs(cut % (Spaced.Length - 7)), text);
            var a = ReleaseLoader.Parse("r.txt", text);
            var b = ReleaseLoader.Parse("r.txt", mutated);
            var c = Verifier.VerifyText("r.txt", mutated + text);
            return a.Tables.All(t => t.Rows.Count > 0) && b.Paragraphs is not null && c.Findings.All(f => f.Code.StartsWith("verify.", StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    /// <summary>Headings, then section labels with no rule or blank line before the first figures, and periods centred over groups of columns.</summary>
    private const string Grouped = """
        CONSOLIDATED STATEMENTS OF OPERATIONS
        (in thousands)
                                         Jun 30, 2025                 Jun 30, 2024
                                     USD        JPY      % of rev      JPY      % of rev
        Revenues:
        Services:
        Connectivity                   100     12,000       60.0       11,000       61.1
        Outsourcing                     67      8,000       40.0        7,000       38.9
        Total revenues                 167     20,000      100.0       18,000      100.0
        """;

    [Fact]
    public void Section_labels_under_the_headings_belong_to_the_table()
    {
        var table = ReleaseLoader.Parse("statement.txt", Grouped).Tables.ShouldHaveSingleItem();
        table.Title.ShouldBe("CONSOLIDATED STATEMENTS OF OPERATIONS");
        var labels = table.Rows.Select(r => r.Cells[0].Text).ToList();
        labels.ShouldContain("Revenues:");
        labels.ShouldContain("Services:");
        table.Context.ShouldNotContain("Revenues:");
    }

    [Fact]
    public void A_period_centred_over_a_group_of_columns_heads_each_of_them()
    {
        var table = ReleaseLoader.Parse("statement.txt", Grouped).Tables.ShouldHaveSingleItem();
        var heading = table.Rows.First(r => r.Cells.Any(c => c.Text.Contains("2025", StringComparison.Ordinal)));

        // USD, JPY and % of revenue under Jun 30, 2025; JPY and % under Jun 30, 2024: none left without a period.
        heading.Cells.Skip(1).Select(c => c.Text).ShouldBe(["Jun 30, 2025", "Jun 30, 2025", "Jun 30, 2025", "Jun 30, 2024", "Jun 30, 2024"]);
        Verifier.Verify(ReleaseLoader.Parse("statement.txt", Grouped)).Findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }
}
