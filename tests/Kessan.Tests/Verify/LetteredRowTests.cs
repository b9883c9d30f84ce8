using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// Rows named by letters and rows whose labels state their arithmetic, as a notice of a revised forecast prints them
/// (前回発表予想(A), 今回修正予想(B), 増減額(B-A), 増減率(%)): clean without an error, one figure changed gives the error,
/// and labels the figures do not bear out are left unchecked.
/// </summary>
public sealed class LetteredRowTests
{
    private const string Revision = """
        <html><body>
        <p>2024年5月期通期連結業績予想数値の修正</p>
        <table>
        <tr><td></td><td>売上高</td><td>営業利益</td><td>経常利益</td><td>親会社株主に帰属する当期純利益</td><td>1株当たり当期純利益</td></tr>
        <tr><td></td><td>百万円</td><td>百万円</td><td>百万円</td><td>百万円</td><td>円 銭</td></tr>
        <tr><td>前回発表予想(A)</td><td>95,000</td><td>1,000</td><td>1,000</td><td>300</td><td>21.73</td></tr>
        <tr><td>今回修正予想(B)</td><td>95,500</td><td>1,350</td><td>1,300</td><td>400</td><td>28.95</td></tr>
        <tr><td>増減額(B-A)</td><td>500</td><td>350</td><td>300</td><td>100</td><td></td></tr>
        <tr><td>増減率(%)</td><td>0.5</td><td>35.0</td><td>30.0</td><td>33.3</td><td></td></tr>
        <tr><td>（ご参考）前期実績（2023年5月期）</td><td>87,481</td><td>299</td><td>327</td><td>87</td><td>6.33</td></tr>
        </table>
        </body></html>
        """;

    private static FileReport Verify(string html) => Verified.Report(html, "t.html");

    private static List<Diagnostic> Errors(string html) => Verified.Errors(html, "t.html");

    [Fact]
    public void A_clean_revision_has_no_finding_and_counts_its_differences_and_rates()
    {
        var report = Verify(Revision);
        report.Findings.ShouldBeEmpty();
        var changes = report.Coverage.ShouldNotBeNull().Kinds[RelationKind.PercentChange];
        changes.Checked.ShouldBe(8);
        changes.Passed.ShouldBe(8);

        // The rate row is this check's, not a ratio of two rows left unchecked.
        report.Coverage.Kinds[RelationKind.Ratio].SkippedCount.ShouldBe(0);
    }

    [Fact]
    public void A_difference_that_is_not_B_less_A_is_an_error()
    {
        var e = Errors(Verified.Change(Revision, "<td>350</td>", "<td>450</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.PercentChangeWrong);
        e.Message.ShouldContain("\"増減額(B-A)\", 営業利益 百万円 is 450, but 1,350 − 1,000 (B-A) is 350");
    }

    [Fact]
    public void A_rate_that_is_not_the_difference_over_A_is_an_error()
    {
        var e = Errors(Verified.Change(Revision, "<td>30.0</td>", "<td>40.0</td>")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.PercentChangeWrong);
        e.Message.ShouldContain("\"増減率(%)\", 経常利益 百万円 is 40.0, but (1,300 − 1,000) over 1,000, in % is 30.0");
    }

    [Fact]
    public void Labels_that_the_figures_do_not_bear_out_are_left_unchecked()
    {
        // A "(B-A)" row that holds in no column: the letters mean something else here, so nothing is asserted.
        var other = Revision.Replace("<td>500</td><td>350</td><td>300</td><td>100</td>", "<td>900</td><td>750</td><td>700</td><td>600</td>", StringComparison.Ordinal);
        var report = Verify(other);
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.PercentChange].Skipped["column's pairing not confirmed by the figures"].ShouldBe(4);
    }

    [Fact]
    public void A_rate_with_no_difference_above_it_is_counted_as_not_checked()
    {
        var report = Verify(Revision.Replace("<tr><td>増減額(B-A)</td><td>500</td><td>350</td><td>300</td><td>100</td><td></td></tr>", "", StringComparison.Ordinal));
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.PercentChange].Skipped["no difference of two rows above it to be the rate of"].ShouldBe(4);
    }

    [Fact]
    public void The_published_notice_is_checked()
    {
        var report = Verifier.VerifyFile(Path.Combine(VerifyTestData.Releases, "satudora_fy2024_forecast_revision.htm"));
        report.Findings.ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.PercentChange].Passed.ShouldBe(8);
    }
}
