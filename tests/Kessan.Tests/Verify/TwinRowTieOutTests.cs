using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// A summary table that repeats rows of a statement: once another row of the two tables agrees in every period, a row
/// with the same label is its twin even when one of its two figures was changed, and the changed figure is an error.
/// </summary>
public sealed class TwinRowTieOutTests
{
    private const string Release = """
        Condensed Consolidated Statements of Cash Flows (USD in thousands)

        	Six Months Ended June 30, 2026	Six Months Ended June 30, 2025
        Net income	9,490	6,724
        Depreciation and amortization	6,047	(3,534)
        Net cash provided by operating activities	15,537	3,190
        Purchases of property and equipment	(10,438)	(814)
        Net cash used in investing activities	(10,438)	(814)

        Summary of cash flows (USD in thousands)

        	Six Months Ended June 30, 2026	Six Months Ended June 30, 2025
        Net cash provided by operating activities	15,537	3,190
        Net cash used in investing activities	(10,438)	(814)

        """;

    [Fact]
    public void A_summary_that_repeats_the_statement_gives_no_error() => CheckTests.Errors(Release).ShouldBeEmpty();

    [Fact]
    public void One_changed_figure_of_a_twin_row_is_a_tie_out_error()
    {
        var at = Release.LastIndexOf("3,190", StringComparison.Ordinal);
        var text = Release[..at] + "4,190" + Release[(at + 5)..];
        CheckTests.Errors(text).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.TieOutMismatch);
    }

    [Fact]
    public void Several_rows_disagreeing_with_a_restating_table_are_a_different_basis_not_errors()
    {
        // A summary whose prior period was restated (or adjusted) differs from the statement in every row of that column.
        var summary = Release.LastIndexOf("Net cash provided", StringComparison.Ordinal);
        var text = Release[..summary] + "Net income\t9,490\t6,724\n        " + Release[summary..];
        var at = text.LastIndexOf("3,190", StringComparison.Ordinal);
        text = text[..at] + "4,190" + text[(at + 5)..];
        at = text.LastIndexOf("(814)", StringComparison.Ordinal);
        text = text[..at] + "(914)" + text[(at + 5)..];
        CheckTests.Errors(text).Where(e => e.Code == FindingCodes.TieOutMismatch).ShouldBeEmpty();
    }
}
