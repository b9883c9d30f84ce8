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

    [Theory]
    [InlineData("－")]
    [InlineData("―")]
    public void A_full_width_dash_is_a_dash(string cell) => FigureParser.Parse(cell).ShouldNotBeNull().IsDash.ShouldBeTrue();

    [Fact]
    public void The_unit_after_a_notes_first_figure_is_not_part_of_it() => FigureParser.Parse("628百万円").ShouldNotBeNull().Value.ShouldBe(628);

    /// <summary>
    /// A note whose first figure carries its unit ("628百万円"); amounts in 百万円 may be cut off rather than rounded,
    /// so thirteen items may add up to as much as 13 less than their subtotal.
    /// </summary>
    private const string DeferredTaxNote = """
        <html><body>
        <p>１．繰延税金資産及び繰延税金負債の発生の主な原因別の内訳</p>
        <table>
        <tr><td></td><td>前連結会計年度<br/>（平成29年３月31日）</td><td>当連結会計年度<br/>（平成30年３月31日）</td></tr>
        <tr><td>繰延税金資産</td><td></td><td></td></tr>
        <tr><td>未払事業税</td><td>628百万円</td><td>594百万円</td></tr>
        <tr><td>貸倒引当金</td><td>397</td><td>525</td></tr>
        <tr><td>賞与引当金</td><td>3,862</td><td>4,124</td></tr>
        <tr><td>減価償却超過額</td><td>682</td><td>935</td></tr>
        <tr><td>減損損失</td><td>5,772</td><td>4,890</td></tr>
        <tr><td>繰越欠損金</td><td>644</td><td>574</td></tr>
        <tr><td>退職給付に係る負債</td><td>6,586</td><td>6,790</td></tr>
        <tr><td>投資有価証券評価損</td><td>1,077</td><td>1,093</td></tr>
        <tr><td>関係会社株式評価損</td><td>1,924</td><td>152</td></tr>
        <tr><td>棚卸資産評価損</td><td>1,163</td><td>654</td></tr>
        <tr><td>資産除去債務</td><td>1,549</td><td>1,756</td></tr>
        <tr><td>未実現利益消去に伴う計上額</td><td>818</td><td>1,008</td></tr>
        <tr><td>その他</td><td>1,974</td><td>2,092</td></tr>
        <tr><td>繰延税金資産小計</td><td>27,082</td><td>25,195</td></tr>
        <tr><td>評価性引当額</td><td>△4,941</td><td>△3,443</td></tr>
        <tr><td>繰延税金資産合計</td><td>22,140</td><td>21,751</td></tr>
        </table>
        </body></html>
        """;

    [Fact]
    public void A_note_in_the_unit_of_its_first_figure_allows_for_amounts_cut_off()
    {
        Errors("tax.htm", DeferredTaxNote).ShouldBeEmpty();
        Errors("tax.htm", Change(DeferredTaxNote, "25,195", "35,195")).ShouldContain(e => e.Code == "verify.total-does-not-foot");
    }

    /// <summary>A notes table whose first column holds a group label over several rows (rowspan).</summary>
    private const string Securities = """
        <html><body>
        <p>前連結会計年度（平成29年３月31日）</p>
        <table>
        <tr><td></td><td>種類</td><td>連結貸借対照表計上額（百万円）</td><td>取得原価（百万円）</td><td>差額（百万円）</td></tr>
        <tr><td rowspan="4">連結貸借対照表計上額が取得原価を超えるもの</td><td>(1）株式</td><td>40,935</td><td>11,668</td><td>29,267</td></tr>
        <tr><td>(2）債券</td><td>303</td><td>300</td><td>3</td></tr>
        <tr><td>(3）その他</td><td>－</td><td>－</td><td>－</td></tr>
        <tr><td>小計</td><td>41,238</td><td>11,968</td><td>29,270</td></tr>
        <tr><td rowspan="3">連結貸借対照表計上額が取得原価を超えないもの</td><td>(1）株式</td><td>3,731</td><td>4,008</td><td>△277</td></tr>
        <tr><td>(2）債券</td><td>385</td><td>400</td><td>△14</td></tr>
        <tr><td>小計</td><td>4,116</td><td>4,408</td><td>△291</td></tr>
        <tr><td colspan="2">合計</td><td>45,354</td><td>16,376</td><td>28,979</td></tr>
        </table>
        </body></html>
        """;

    [Fact]
    public void Cells_below_a_rowspan_stay_in_their_columns()
    {
        var doc = Kessan.Verify.Reading.ReleaseLoader.Parse("sec.htm", Securities);
        var table = Verifier.Understand(doc, []).Tables.ShouldHaveSingleItem();
        var cost = table.Columns.Single(c => c.Header.StartsWith("取得原価", StringComparison.Ordinal)).Index;
        table.Rows.Single(r => r.Label == "(2）債券" && r[cost]?.Value == 300).ShouldNotBeNull();
        table.Rows.Where(r => r.Label == "小計").Select(r => r[cost]!.Value).ShouldBe([11968m, 4408m]);
        Errors("sec.htm", Securities).ShouldBeEmpty();
    }

    [Fact]
    public void A_difference_column_is_the_carrying_amount_less_the_cost() =>
        Errors("sec.htm", Change(Securities, "29,270", "39,270")).ShouldContain(e => e.Code == "verify.percent-change-wrong");

    /// <summary>A statement of changes in equity (株主資本等変動計算書), its shareholders' equity half.</summary>
    private const string ChangesInEquity = """
        <html><body>
        <p>当連結会計年度（自 2023年４月１日 至 2024年３月31日）</p>
        <table>
        <tr><td></td><td>株主資本</td><td></td><td></td><td></td><td></td></tr>
        <tr><td></td><td>資本金</td><td>資本剰余金</td><td>利益剰余金</td><td>自己株式</td><td>株主資本合計</td></tr>
        <tr><td>当期首残高</td><td>7,896</td><td>10,159</td><td>195,040</td><td>△1,680</td><td>211,416</td></tr>
        <tr><td>当期変動額</td><td></td><td></td><td></td><td></td><td></td></tr>
        <tr><td>剰余金の配当</td><td></td><td></td><td>△4,777</td><td></td><td>△4,777</td></tr>
        <tr><td>親会社株主に帰属する当期純利益</td><td></td><td></td><td>11,278</td><td></td><td>11,278</td></tr>
        <tr><td>自己株式の処分</td><td></td><td>55</td><td></td><td>6</td><td>61</td></tr>
        <tr><td>株主資本以外の項目の当期変動額（純額）</td><td></td><td></td><td></td><td></td><td></td></tr>
        <tr><td>当期変動額合計</td><td>－</td><td>55</td><td>6,500</td><td>6</td><td>6,562</td></tr>
        <tr><td>当期末残高</td><td>7,896</td><td>10,215</td><td>201,540</td><td>△1,674</td><td>217,978</td></tr>
        </table>
        </body></html>
        """;

    [Fact]
    public void The_shareholders_equity_total_column_is_the_sum_of_its_components()
    {
        Errors("ce.htm", ChangesInEquity).ShouldBeEmpty();
        // 当期末残高 is no total row: only its 株主資本合計 across tells that 201,540 is wrong.
        Errors("ce.htm", Change(ChangesInEquity, "201,540", "211,540")).ShouldContain(e => e.Code == "verify.cross-foot-fails");
    }

    /// <summary>TIS's note on shares issued and treasury shares: 期首 + 増加 − 減少 = 期末 on every row.</summary>
    private const string ShareMovements = """
        <html><body>
        <p>１．発行済株式の種類及び総数並びに自己株式の種類及び株式数に関する事項</p>
        <table>
        <tr><td></td><td>当連結会計年度期首株式数（株）</td><td>当連結会計年度増加株式数（株）</td><td>当連結会計年度減少株式数（株）</td><td>当連結会計年度末株式数（株）</td></tr>
        <tr><td>発行済株式</td><td></td><td></td><td></td><td></td></tr>
        <tr><td>普通株式</td><td>87,789,098</td><td>－</td><td>－</td><td>87,789,098</td></tr>
        <tr><td>合計</td><td>87,789,098</td><td>－</td><td>－</td><td>87,789,098</td></tr>
        <tr><td>自己株式</td><td></td><td></td><td></td><td></td></tr>
        <tr><td>普通株式 （注）１，２</td><td>1,701,923</td><td>1,427,602</td><td>516,491</td><td>2,613,034</td></tr>
        <tr><td>合計</td><td>1,701,923</td><td>1,427,602</td><td>516,491</td><td>2,613,034</td></tr>
        </table>
        </body></html>
        """;

    [Fact]
    public void A_movement_table_rolls_the_opening_figure_forward_to_the_closing_one()
    {
        Errors("note.htm", ShareMovements).ShouldBeEmpty();
        // The total of shares issued is a single class: only the roll-forward across the row can see it changed.
        var e = Errors("note.htm", Change(ShareMovements, "<td>合計</td><td>87,789,098</td>", "<td>合計</td><td>97,789,098</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe("verify.cross-foot-fails");
        e.Message.ShouldContain("plus the increases and less the decreases");
    }
}
