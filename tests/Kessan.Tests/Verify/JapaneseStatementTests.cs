using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Numbers;

namespace Kessan.Tests.Verify;

/// <summary>
/// Japanese statements (有価証券報告書, 決算短信): note references before figures, statements of changes in equity and
/// the notes' tables. Each case is clean without an error and gives the code with one figure changed.
/// </summary>
public sealed class JapaneseStatementTests
{
    private static List<Diagnostic> Errors(string path, string text) =>
        Verifier.VerifyText(path, text).Findings.Where(f => f.Severity == Severity.Error).ToList();

    private static string Change(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("※７ 4,526", 4526)]
    [InlineData("※７4,526", 4526)]
    [InlineData("※１,※２ 12,345", 12345)]
    [InlineData("※１、２ 12,345", 12345)]
    [InlineData("※3 999", 999)]
    [InlineData("※ 2,250", 2250)]
    [InlineData("※５ △1,234", -1234)]
    public void A_note_reference_before_a_figure_is_not_part_of_it(string cell, int value)
    {
        var f = FigureParser.Parse(cell).ShouldNotBeNull();
        f.Value.ShouldBe(value);
        f.Text.ShouldNotContain("※");
    }

    [Theory]
    [InlineData("※14,526")]
    [InlineData("※4,526")]
    [InlineData("※注記事項")]
    public void An_ascii_note_number_run_into_the_figure_is_not_guessed(string cell) => FigureParser.Parse(cell).ShouldBeNull();

    /// <summary>An 有価証券報告書 balance sheet whose 仕掛品 carries note ※７ (an ix:footnote before the figure).</summary>
    private const string BalanceSheet = """
        <html><body>
        <p>①【連結貸借対照表】</p>
        <table>
        <tr><td></td><td>前連結会計年度<br/>(平成29年３月31日)</td><td>当連結会計年度<br/>(平成30年３月31日)</td></tr>
        <tr><td></td><td></td><td>（単位：百万円）</td></tr>
        <tr><td>資産の部</td><td></td><td></td></tr>
        <tr><td>流動資産</td><td></td><td></td></tr>
        <tr><td>現金及び預金</td><td>26,137</td><td>38,032</td></tr>
        <tr><td>受取手形及び売掛金</td><td>92,915</td><td>94,438</td></tr>
        <tr><td>仕掛品</td><td><span>※７</span> <span>4,526</span></td><td><span>※７</span> <span>5,432</span></td></tr>
        <tr><td>その他</td><td>12,003</td><td>15,884</td></tr>
        <tr><td>貸倒引当金</td><td>△170</td><td>△360</td></tr>
        <tr><td>流動資産合計</td><td>135,411</td><td>153,426</td></tr>
        </table>
        </body></html>
        """;

    [Fact]
    public void A_total_over_a_figure_with_a_note_reference_is_footed()
    {
        Errors("bs.htm", BalanceSheet).ShouldBeEmpty();
        Errors("bs.htm", Change(BalanceSheet, "135,411", "145,411")).ShouldHaveSingleItem().Code.ShouldBe("verify.total-does-not-foot");
    }
}
