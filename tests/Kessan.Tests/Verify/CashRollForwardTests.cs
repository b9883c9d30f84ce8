using Kessan.Verify;

namespace Kessan.Tests.Verify;

/// <summary>
/// Cash at the beginning plus the net change is cash at the end: which rows are the net change is read from the labels
/// and confirmed by the figures before a column that does not roll forward is called an error.
/// </summary>
public class CashRollForwardTests
{
    /// <summary>
    /// A real summary of cash flows (TAT-QA test set, table a533cbf8…, an annual report of fiscal 2019) whose net change
    /// is shown as two rows, from continuing and from discontinued operations: 84,725 − 262,028 + 733,807 = 556,504.
    /// </summary>
    private const string TwoNetChanges = """
        Years ended August 31,	2019	2018 (1)	Change
        (in thousands of dollars, except percentages)	$	$	%
        Cash flow from operating activities	868,711	620,748	39.9
        Cash flow from investing activities	(471,078)	(2,191,666)	(78.5)
        Cash flow from financing activities	(659,222)	1,426,136	—
        Effect of exchange rate changes on cash and cash equivalents denominated in a foreign currency	(439)	1,989	—
        Net change in cash and cash equivalents from continuing operations	(262,028)	(142,793)	83.5
        Net change in cash and cash equivalent from discontinued operations(2)	733,807	16,333	—
        Cash and cash equivalents, beginning of the year	84,725	211,185	(59.9)
        Cash and cash equivalents, end of the year	556,504	84,725	—

        """;

    [Fact]
    public void Net_changes_shown_apart_for_continuing_and_discontinued_operations_roll_forward_together()
    {
        var report = Verified.Report(TwoNetChanges);
        report.Findings.ShouldNotContain(f => f.Code == "verify.cash-roll-forward");
        var identity = report.Coverage!.Kinds[RelationKind.Identity];
        identity.Checked.ShouldBe(2);
        identity.Passed.ShouldBe(2);
    }

    [Fact]
    public void A_column_that_does_not_roll_forward_is_an_error_once_the_other_confirms_the_rows()
    {
        // 2018: 211,185 − 142,793 + 16,333 = 84,725; 2019 now ends at 556,604.
        var report = Verified.Report(Verified.Change(TwoNetChanges, "end of the year\t556,504", "end of the year\t556,604"));
        var error = report.Findings.Where(f => f.Code == "verify.cash-roll-forward").ShouldHaveSingleItem();
        error.Message.ShouldContain("in 2019");
        var identity = report.Coverage!.Kinds[RelationKind.Identity];
        (identity.Checked, identity.Passed).ShouldBe((2, 1));
    }

    [Fact]
    public void Rows_that_roll_forward_in_no_column_are_not_confirmed_and_assert_nothing()
    {
        // Both beginnings 10,000 higher: no reading of the rows above them rolls forward in either column, so which
        // rows are the net change is not known, and neither column is called wrong.
        var text = Verified.Change(TwoNetChanges, "beginning of the year\t84,725\t211,185", "beginning of the year\t94,725\t221,185");
        var report = Verified.Report(text);
        report.Findings.ShouldNotContain(f => f.Code == "verify.cash-roll-forward");
        report.Coverage!.Kinds[RelationKind.Identity].Skipped.Keys.ShouldContain("cash roll-forward not confirmed by any column");
    }
}
