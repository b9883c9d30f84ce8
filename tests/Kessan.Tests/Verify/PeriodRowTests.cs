using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Checks;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Tests.Verify;

/// <summary>
/// Tables whose rows are periods, as a 決算短信 summary prints them: the % beside each amount against the period
/// before (in the table or, for a forecast, in the results table before it), a ratio named after a column over total
/// assets, and the year's dividend against its quarter-end dividends. Each case is clean without an error, and one
/// figure changed gives the error; a layout the figures do not show is left unchecked, never an error.
/// </summary>
public sealed class PeriodRowTests
{
    private const string Results = """
        <html><body>
        <p>（１）連結経営成績 （％表示は対前期増減率）</p>
        <table>
        <tr><td></td><td colspan="2">売上高</td><td colspan="2">営業利益</td><td colspan="2">経常利益</td></tr>
        <tr><td></td><td>百万円</td><td>％</td><td>百万円</td><td>％</td><td>百万円</td><td>％</td></tr>
        <tr><td>2024年３月期</td><td>308,335</td><td>3.2</td><td>21,010</td><td>△1.0</td><td>21,544</td><td>△0.1</td></tr>
        <tr><td>2023年３月期</td><td>298,889</td><td>△1.6</td><td>21,228</td><td>10.1</td><td>21,573</td><td>10.5</td></tr>
        </table>
        <p>（２）連結財政状態</p>
        <table>
        <tr><td></td><td>総資産</td><td>純資産</td><td>株主資本</td><td>株主資本比率</td></tr>
        <tr><td></td><td>百万円</td><td>百万円</td><td>百万円</td><td>％</td></tr>
        <tr><td>2024年３月期</td><td>5,002,545</td><td>2,712,279</td><td>2,577,150</td><td>51.5</td></tr>
        <tr><td>2023年３月期</td><td>4,347,522</td><td>2,356,277</td><td>2,232,511</td><td>51.4</td></tr>
        </table>
        <p>２．配当の状況</p>
        <table>
        <tr><td></td><td colspan="5">年間配当金</td></tr>
        <tr><td></td><td>第１四半期末</td><td>第２四半期末</td><td>第３四半期末</td><td>期末</td><td>合計</td></tr>
        <tr><td></td><td>円 銭</td><td>円 銭</td><td>円 銭</td><td>円 銭</td><td>円 銭</td></tr>
        <tr><td>2023年３月期</td><td>－</td><td>65.00</td><td>－</td><td>80.00</td><td>145.00</td></tr>
        <tr><td>2024年３月期</td><td>－</td><td>75.00</td><td>－</td><td>75.00</td><td>150.00</td></tr>
        <tr><td>2025年３月期</td><td>－</td><td>80.00</td><td></td><td></td><td></td></tr>
        <tr><td>2025年３月期（予想）</td><td></td><td></td><td>－</td><td>85.00</td><td>165.00</td></tr>
        </table>
        <p>３．2025年３月期の連結業績予想</p>
        <table>
        <tr><td></td><td colspan="2">売上高</td><td colspan="2">営業利益</td><td colspan="2">経常利益</td></tr>
        <tr><td></td><td>百万円</td><td>％</td><td>百万円</td><td>％</td><td>百万円</td><td>％</td></tr>
        <tr><td>通期</td><td>315,000</td><td>2.2</td><td>21,100</td><td>0.4</td><td>21,200</td><td>△1.6</td></tr>
        </table>
        </body></html>
        """;

    private static FileReport Verify(string html) => Verified.Report(html, "t.html");

    private static List<Diagnostic> Errors(string html) => Verified.Errors(html, "t.html");

    [Fact]
    public void A_clean_summary_has_no_error_and_says_what_it_checked()
    {
        var report = Verify(Results);
        report.Findings.Where(f => f.Severity != Severity.Info && f.Code != FindingCodes.RelationsUnchecked).ShouldBeEmpty();
        var kinds = report.Coverage.ShouldNotBeNull().Kinds;

        // Three changes of 2024 against 2023 and three of the forecast against 2024 (the 2023 row's base is not printed).
        kinds[RelationKind.PercentChange].Checked.ShouldBe(6);
        kinds[RelationKind.PercentChange].Passed.ShouldBe(6);
        kinds[RelationKind.PercentChange].Skipped["the period before is not in the release"].ShouldBe(3);
        kinds[RelationKind.Ratio].Checked.ShouldBe(2);
        kinds[RelationKind.Footing].Checked.ShouldBe(3);
    }

    [Fact]
    public void A_change_that_the_amounts_do_not_give_is_an_error()
    {
        var errors = Errors(Verified.Change(Results, "<td>3.2</td>", "<td>4.2</td>"));
        var e = errors.ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.PercentChangeWrong);
        e.Message.ShouldContain("\"2024年３月期\", 売上高 is 4.2%");
        e.Message.ShouldContain("308,335 against 298,889 of \"2023年３月期\"");
    }

    [Fact]
    public void A_forecast_change_is_checked_against_the_year_just_reported()
    {
        var e = Errors(Verified.Change(Results, "<td>0.4</td>", "<td>1.4</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.PercentChangeWrong);
        e.Message.ShouldContain("\"通期\", 営業利益 is 1.4%");
        e.Message.ShouldContain("21,010 of \"2024年３月期\" in （１）連結経営成績");
    }

    [Fact]
    public void A_ratio_named_after_a_column_is_that_column_over_total_assets()
    {
        var e = Errors(Verified.Change(Results, "<td>51.4</td>", "<td>53.4</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.RatioWrong);
        e.Message.ShouldContain("株主資本比率 is 53.4%, but 株主資本 2,232,511 over 総資産 4,347,522 is 51.4%");
    }

    [Theory]
    [InlineData("<tr><td>（参考）自己資本</td><td>2024年３月期</td><td>221,936</td><td>百万円</td><td>2023年３月期</td><td>211,701</td><td>百万円</td></tr>")]
    [InlineData("<tr><td>（参考）自己資本</td><td>2024年３月期221,936百万円</td><td>2023年３月期211,701百万円</td></tr>")]
    public void An_equity_ratio_is_checked_against_the_equity_printed_on_the_line_below_the_table(string reference)
    {
        var html = $"""
            <table>
            <tr><td></td><td>総資産</td><td>純資産</td><td>自己資本比率</td></tr>
            <tr><td></td><td>百万円</td><td>百万円</td><td>％</td></tr>
            <tr><td>2024年３月期</td><td>1,247,276</td><td>226,936</td><td>17.8</td></tr>
            <tr><td>2023年３月期</td><td>1,236,921</td><td>216,701</td><td>17.1</td></tr>
            </table>
            <table>{reference}</table>
            """;
        var report = Verify(html);
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.Ratio].Passed.ShouldBe(2);

        var e = Errors(Verified.Change(html, "<td>17.1</td>", "<td>18.1</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.RatioWrong);
        e.Message.ShouldContain("自己資本比率 is 18.1%, but 自己資本 211,701 over 総資産 1,236,921 is 17.1%");
    }

    [Fact]
    public void The_years_dividend_is_the_sum_of_its_quarter_end_dividends_with_the_forecast_completing_the_year()
    {
        var e = Errors(Verified.Change(Results, "<td>150.00</td>", "<td>160.00</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.CrossFootFails);
        e.Message.ShouldContain("\"2024年３月期\", 合計 is 160.00, but the columns before it add up to 150.00");

        // The forecast row's total counts the interim dividend already paid, printed in the row above it.
        var forecast = Errors(Verified.Change(Results, "<td>165.00</td>", "<td>175.00</td>")).ShouldHaveSingleItem();
        forecast.Message.ShouldContain("80.00 + 85.00");
    }

    [Theory]
    [InlineData("第１四半期末", "第２四半期末", true)]
    [InlineData("国内", "海外", false)]
    public void Two_rows_of_dividends_named_by_their_quarter_ends_are_enough_to_find_a_wrong_total(string first, string second, bool found)
    {
        var table = $"""
            <table>
            <tr><td></td><td>{first}</td><td>{second}</td><td>合計</td></tr>
            <tr><td>2023年３月期</td><td>40.00</td><td>56.00</td><td>96.00</td></tr>
            <tr><td>2024年３月期</td><td>64.00</td><td>64.00</td><td>138.00</td></tr>
            </table>
            """;
        var errors = Errors(table);
        if (found)
        {
            errors.ShouldHaveSingleItem().Message.ShouldContain("\"2024年３月期\", 合計 is 138.00, but the columns before it add up to 128.00");
        }
        else
        {
            // Columns named otherwise: one row in two is not enough to take them as the parts of the total.
            errors.ShouldBeEmpty();
            Verify(table).Coverage!.Kinds[RelationKind.Footing].Skipped["total column not confirmed"].ShouldBe(2);
        }
    }

    [Fact]
    public void A_percent_column_the_figures_do_not_show_as_a_change_is_left_unchecked()
    {
        // The same layout where each % is a share of something else: no change fits, so nothing is asserted.
        var other = Results.Replace("<td>3.2</td>", "<td>41.0</td>").Replace("<td>△1.0</td>", "<td>32.5</td>").Replace("<td>△0.1</td>", "<td>26.5</td>");
        var report = Verify(other);
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.PercentChange].Skipped["column's pairing not confirmed by the figures"].ShouldBe(3);
    }

    [Fact]
    public void A_REITs_half_year_period_is_compared_with_the_one_before_it()
    {
        const string reit = """
            <table>
            <tr><td></td><td colspan="2">営業収益</td><td colspan="2">営業利益</td><td colspan="2">当期純利益</td></tr>
            <tr><td></td><td>百万円</td><td>％</td><td>百万円</td><td>％</td><td>百万円</td><td>％</td></tr>
            <tr><td>2022年12月期</td><td>18,739</td><td>2.1</td><td>9,273</td><td>△0.8</td><td>8,469</td><td>△1.6</td></tr>
            <tr><td>2022年６月期</td><td>18,357</td><td>0.6</td><td>9,343</td><td>8.3</td><td>8,607</td><td>9.1</td></tr>
            </table>
            """;
        Verify(reit).Coverage!.Kinds[RelationKind.PercentChange].Passed.ShouldBe(3);
        Errors(Verified.Change(reit, "<td>2.1</td>", "<td>3.1</td>")).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.PercentChangeWrong);
    }

    [Theory]
    [InlineData("2024年３月期", 2024, 3, "FY", false)]
    [InlineData("2023年３月期第２四半期", 2023, 3, "Q2", false)]
    [InlineData("2023年３月期２Ｑ", 2023, 3, "Q2", false)]
    [InlineData("2025年12月期中間期", 2025, 12, "H1", false)]
    [InlineData("2023年３月期（予想）", 2023, 3, "FY", true)]
    [InlineData("2022年4月期第1四半期", 2022, 4, "Q1", false)]
    [InlineData("FY2024", 2024, 0, "FY", false)]
    [InlineData("Six months ended September 30, 2022", 2022, 9, "6M", false)]
    [InlineData("通期", 0, 0, "FY", true)]
    public void Row_labels_that_name_periods(string label, int year, int month, string part, bool forecast) =>
        RowPeriod.Parse(label).ShouldBe(new RowPeriod(year, month, part, forecast));

    [Theory]
    [InlineData("売上高")]
    [InlineData("2024年３月期末の従業員数")]
    [InlineData("第２四半期末")]
    [InlineData("Revenue 2024")]
    public void Other_labels_are_not_periods(string label) => RowPeriod.Parse(label).ShouldBeNull();

    [Theory]
    [InlineData(25.38, "25.3", true)] // cut off
    [InlineData(25.34, "25.3", true)] // rounded
    [InlineData(25.36, "25.4", true)]
    [InlineData(25.41, "25.3", false)]
    [InlineData(-1.03, "△1.0", true)]
    [InlineData(-1.12, "△1.0", false)]
    public void A_percentage_printed_cut_off_or_rounded_holds(double exact, string printed, bool holds) =>
        PeriodRowChecks.Holds(Interval.Exact((decimal)exact), FigureParser.Parse(printed).ShouldNotBeNull()).ShouldBe(holds);

    /// <summary>Real 決算短信 summaries: what is checked, and one figure changed in the published file is found.</summary>
    [Theory]
    [InlineData("ricoh_leasing_fy2024_tanshin_summary.htm", 12, 4, 3)]
    [InlineData("komatsu_fy2023q2_tanshin_summary_usgaap.htm", 4, 2, 2)]
    [InlineData("japan_prime_realty_fy2022h2_tanshin_summary.htm", 12, 0, 0)]
    [InlineData("kyowa_kogyosho_fy2022q1_tanshin_summary.htm", 3, 2, 2)]
    public void Real_summaries_are_checked(string file, int changes, int ratios, int totals)
    {
        var report = Verifier.VerifyFile(Path.Combine(VerifyTestData.Releases, file));
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        var kinds = report.Coverage.ShouldNotBeNull().Kinds;
        kinds[RelationKind.PercentChange].Passed.ShouldBe(changes);
        kinds[RelationKind.Ratio].Passed.ShouldBe(ratios);
        kinds[RelationKind.Footing].Passed.ShouldBe(totals);
    }

    [Fact]
    public void A_change_altered_in_a_published_summary_is_found()
    {
        var path = Path.Combine(VerifyTestData.Releases, "ricoh_leasing_fy2024_tanshin_summary.htm");
        var text = File.ReadAllText(path);

        // 営業利益 of 2024年３月期, △1.0 (21,010 against 21,228), the fact tagged ChangeInOperatingIncome for the current
        // year, printed as △3.0.
        var fact = text.IndexOf("tse-ed-t:ChangeInOperatingIncome\" contextRef=\"CurrentYearDuration_ConsolidatedMember_ResultMember\"", StringComparison.Ordinal);
        fact.ShouldBeGreaterThan(0);
        const string cell = ">1.0<";
        var at = text.IndexOf(cell, fact, StringComparison.Ordinal);
        (at - fact).ShouldBeLessThan(300);
        var mutated = string.Concat(text.AsSpan(0, at), ">3.0<", text.AsSpan(at + cell.Length));
        var e = Verifier.VerifyText(path, mutated).Findings.Where(f => f.Severity == Severity.Error).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.PercentChangeWrong);
        e.Message.ShouldContain("営業利益 is △3.0%");
    }
}
