using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;
using Kessan.Verify.Reading;

namespace Kessan.Tests.Verify;

/// <summary>The same table as tab-separated text, Markdown and HTML is read alike and gives the same findings.</summary>
public sealed class ReaderTests
{
    private const string Tsv = """
        Table 1. Revenues (JPY in millions)

        Revenues	1Q03	1Q02	YoY % change
        Dedicated access services	3,321	3,523	-5.7%
        Dial-up access services	767	822	-6.7%
        Total revenues	4,088	4,345	-5.9%

        """;

    private const string Markdown = """
        # Results

        Table 1. Revenues (JPY in millions)

        | Revenues | 1Q03 | 1Q02 | YoY % change |
        |---|---:|---:|---:|
        | Dedicated access services | 3,321 | 3,523 | -5.7% |
        | Dial-up access services | 767 | 822 | -6.7% |
        | Total revenues | 4,088 | 4,345 | -5.9% |

        """;

    private const string Html = """
        <!DOCTYPE html>
        <html><body>
        <p>Table 1. Revenues (JPY in millions)</p>
        <table>
          <tr><th>Revenues</th><th>1Q03</th><th>1Q02</th><th>YoY % change</th></tr>
          <tr><td>Dedicated access services</td><td>3,321</td><td>3,523</td><td>(5.7%)</td></tr>
          <tr><td>Dial-up access services</td><td>767</td><td>822</td><td>(6.7%)</td></tr>
          <tr><td>Total revenues</td><td>4,088</td><td>4,345</td><td>(5.9%)</td></tr>
        </table>
        </body></html>
        """;

    [Theory]
    [InlineData("release.txt", Tsv)]
    [InlineData("release.md", Markdown)]
    [InlineData("release.html", Html)]
    public void Reads_the_table(string path, string text)
    {
        var doc = ReleaseLoader.Parse(path, text);
        var table = doc.Tables.ShouldHaveSingleItem();
        table.Title.ShouldBe("Table 1. Revenues (JPY in millions)");
        table.Rows.Count.ShouldBe(4);
        table.Rows[3].Cells[0].Text.ShouldBe("Total revenues");
        table.Rows[3].Line.ShouldBeGreaterThan(0);
        Verifier.Verify(doc).Findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("release.txt", Tsv, "4,088", "4,098")]
    [InlineData("release.md", Markdown, "4,088", "4,098")]
    [InlineData("release.html", Html, "4,088", "4,098")]
    public void Finds_a_total_that_does_not_foot_in_every_format(string path, string text, string from, string to)
    {
        var report = Verifier.VerifyText(path, text.Replace(from, to, StringComparison.Ordinal));
        var error = report.Findings.First(f => f.Severity == Severity.Error);
        error.Code.ShouldBeOneOf(FindingCodes.TotalDoesNotFoot, FindingCodes.PercentChangeWrong);
        var line = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(from, StringComparison.Ordinal)).i + 1;
        report.Findings.ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot && f.Line == line);
    }

    [Fact]
    public void Format_is_detected_from_extension_and_content()
    {
        ReleaseLoader.Detect("a.md", "x").ShouldBe(ReleaseFormat.Markdown);
        ReleaseLoader.Detect("a.htm", "x").ShouldBe(ReleaseFormat.Html);
        ReleaseLoader.Detect("a.txt", "<!DOCTYPE html><html>").ShouldBe(ReleaseFormat.Html);
        ReleaseLoader.Detect("a.txt", "Revenues\t1Q03").ShouldBe(ReleaseFormat.Text);
    }

    [Fact]
    public void A_sentence_broken_by_a_page_footnote_is_joined()
    {
        var doc = ReleaseLoader.Parse("s.txt", VerifyTestData.Seed);
        doc.Paragraphs.ShouldContain(p => p.Text.Contains("a decrease of 36.0% compared to 4Q02", StringComparison.Ordinal) && p.Text.StartsWith("Revenues in 1Q03", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<p>Segment results</p><p>Table of Contents</p><p>16</p>", "Segment results")]
    [InlineData("<p>Table of Contents</p>", "table 1 of the file")]
    [InlineData("<p>- 16 -</p>", "table 1 of the file")]
    public void A_link_back_to_the_contents_or_a_page_number_is_not_a_tables_title(string above, string title)
    {
        var html = $"<html><body>{above}<table><tr><td></td><td>2024</td></tr><tr><td>Total assets</td><td>1,000</td></tr></table></body></html>";
        ReleaseLoader.Parse("t.html", html).Tables.ShouldHaveSingleItem().Title.ShouldStartWith(title);
    }

    [Fact]
    public void The_tables_inside_a_table_that_frames_the_page_are_read_each_on_its_own()
    {
        const string html = """
            <html><body><table><tr><td>
            <p>（１）連結経営成績</p>
            <table><tr><td></td><td>売上高</td></tr><tr><td>2024年３月期</td><td>308,335</td></tr></table>
            </td></tr><tr><td>
            <table><tr><td></td><td>総資産</td></tr><tr><td>2024年３月期</td><td>1,247,276</td></tr></table>
            </td></tr></table></body></html>
            """;
        var doc = ReleaseLoader.Parse("t.html", html);
        doc.Tables.Count.ShouldBe(2);
        doc.Tables[0].Title.ShouldBe("（１）連結経営成績");
        doc.Tables[1].Rows[1].Cells[1].Text.ShouldBe("1,247,276");
    }
}
