using System.Text;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// A 10-Q's discussion of results prints one small table per line (the amount, its $ and % change, its percentage of
/// revenue), laid out by the filing agent with "$" and a negative's ")" in cells of their own, headings of years
/// spanning two cells, and "*" spanning the cells of a percentage too small to show. Each table's columns are read as
/// their headings say, and a change column too small to confirm its pairing on its own rows is confirmed by the
/// tables laid out the same way.
/// </summary>
public sealed class OneLineTablesTests
{
    private static string Table(string title, string label, string cur, string prior, string change, string percent, string ofRevenue)
    {
        static string Split(string figure) => figure.StartsWith('(') ? $"<td>{figure.TrimEnd(')')}</td><td>)</td>" : $"<td>{figure}</td><td></td>";
        var pct = percent.StartsWith('(') ? $"<td>{percent.TrimEnd(')')}</td><td>)%</td>" : $"<td>{percent}</td><td>%</td>";
        var share = ofRevenue == "*"
            ? "<td colspan=\"2\">*</td><td></td><td colspan=\"2\">*</td><td></td>"
            : $"<td></td><td>{ofRevenue}</td><td>%</td><td></td><td>{ofRevenue}</td><td>%</td>";
        return $"""
            <p>{title}</p>
            <table>
            <tr><td></td><td colspan="5">Three Months Ended June 30,</td><td></td><td colspan="2"></td><td></td><td colspan="2"></td><td></td></tr>
            <tr><td>(dollars in thousands)</td><td colspan="2">2025</td><td></td><td colspan="2">2024</td><td></td><td colspan="2">$ Change</td><td></td><td colspan="2">% Change</td><td></td></tr>
            <tr><td>{label}</td><td>$</td>{Split(cur)}<td>$</td>{Split(prior)}<td>$</td>{Split(change)}<td></td>{pct}</tr>
            <tr><td>Percentage of total revenue</td>{share}<td colspan="2"></td><td></td><td colspan="2"></td><td></td></tr>
            </table>
            """;
    }

    private static readonly string Release = new StringBuilder("<html><body>\n")
        .Append(Table("Research and Development", "Research and development", "237,340", "198,180", "39,160", "20", "31"))
        .Append(Table("Sales and Marketing", "Sales and marketing", "339,879", "293,794", "46,085", "16", "45"))
        .Append(Table("General and Administrative", "General and administrative", "84,995", "72,597", "12,398", "17", "11"))
        .Append(Table("Restructuring", "Restructuring", "1,105", "1,077", "28", "3", "*"))
        .Append(Table("Interest income", "Interest income", "18,290", "20,370", "(2,080)", "(10)", "2"))
        .Append("</body></html>\n").ToString();

    private static List<Kessan.Diagnostics.Diagnostic> Errors(string html) =>
        Kessan.Verify.Verifier.VerifyText("q.htm", html).Findings.Where(f => f.Severity == Kessan.Diagnostics.Severity.Error).ToList();

    [Fact]
    public void One_line_tables_that_agree_give_no_error()
    {
        var report = Kessan.Verify.Verifier.VerifyText("q.htm", Release);
        report.Findings.ShouldNotContain(f => f.Severity == Kessan.Diagnostics.Severity.Error);
        report.Coverage!.Explained.Count(e => e.Contains("% Change", StringComparison.Ordinal) && e.StartsWith("percent-change", StringComparison.Ordinal)).ShouldBe(5);
    }

    [Theory]
    [InlineData("<td>20</td><td>%</td>", "<td>30</td><td>%</td>")] // a % change
    [InlineData("<td>237,340</td>", "<td>337,340</td>")] // the amount it is computed from
    [InlineData("<td>3</td><td>%</td>", "<td>8</td><td>%</td>")] // a table whose percentage of revenue is "*"
    [InlineData("<td>(10</td>", "<td>(20</td>")] // a negative split over two cells after "$"
    public void A_planted_change_in_a_one_line_table_is_found(string from, string to)
    {
        Release.ShouldContain(from);
        Errors(Release.Replace(from, to, StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.PercentChangeWrong);
    }
}
