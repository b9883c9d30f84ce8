using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// One small release per verify code that no other test produces: the clean form gives no error, one changed figure
/// gives the code. Each is the code's reproducer for the code catalogue.
/// </summary>
public sealed class CodeReproducerTests
{
    private static List<Diagnostic> Findings(string text) => Verified.Findings(text);

    private static List<Diagnostic> Errors(string text) => Verified.Errors(text);

    private static string Change(string text, string from, string to) => Verified.Change(text, from, to);

    private const string BalanceSheet = """
        CONDENSED CONSOLIDATED BALANCE SHEETS
        (in millions)

        	Jun 30, 2025	Dec 31, 2024
        Cash and cash equivalents	100	85
        Accounts receivable	50	45
        Total assets	150	130
        Accounts payable	60	52
        Shareholders' equity	90	78
        Total liabilities and shareholders' equity	150	130

        """;

    private const string CashFlows = """
        CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS
        (in millions)

        	Six Months Ended Jun 30, 2025	Six Months Ended Jun 30, 2024
        Net cash provided by operating activities	30	20
        Net cash used in investing activities	(15)	(5)
        Net increase in cash and cash equivalents	15	15
        Cash and cash equivalents at beginning of period	85	70
        Cash and cash equivalents at end of period	100	85

        """;

    [Fact]
    public void Unreadable_file() =>
        Verifier.VerifyFile(Path.Combine(Path.GetTempPath(), $"kessan-missing-{Guid.NewGuid():N}.txt")).Findings
            .ShouldHaveSingleItem().Code.ShouldBe("verify.unreadable-file");

    [Fact]
    public void Balance_sheet_does_not_balance()
    {
        Errors(BalanceSheet).ShouldBeEmpty();
        // Liabilities and equity foot (60 + 80 = 140) but are 10 short of total assets.
        Errors(Change(BalanceSheet, "equity\t90", "equity\t80").Replace("equity\t150", "equity\t140", StringComparison.Ordinal))
            .ShouldContain(f => f.Code == "verify.balance-sheet-does-not-balance");
    }

    [Fact]
    public void Cash_roll_forward()
    {
        Errors(BalanceSheet + CashFlows).ShouldBeEmpty();
        // 85 at the beginning + 15 is 100, not 110.
        Errors(Change(CashFlows, "end of period\t100", "end of period\t110")).ShouldContain(f => f.Code == "verify.cash-roll-forward");
    }

    [Fact]
    public void Cash_does_not_tie()
    {
        // The statement of cash flows rolls forward (95 + 5 = 100) but ends 100 where the balance sheet shows 100...
        var moved = Change(Change(CashFlows, "beginning of period\t85", "beginning of period\t95"), "cash equivalents\t15\t15", "cash equivalents\t5\t15");
        moved = Change(moved, "investing activities\t(15)", "investing activities\t(25)");
        Errors(BalanceSheet + moved).ShouldBeEmpty();
        // ... and a balance sheet with other cash on June 30 does not tie.
        Errors(Change(Change(BalanceSheet, "equivalents\t100", "equivalents\t110"), "assets\t150", "assets\t160").Replace("equity\t150", "equity\t160", StringComparison.Ordinal)
                .Replace("equity\t90", "equity\t100", StringComparison.Ordinal) + moved)
            .ShouldContain(f => f.Code == "verify.cash-does-not-tie");
    }

    private const string Operations = """
        CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
        (in millions, except per share amounts)

        	Three Months Ended Jun 30, 2025	Three Months Ended Jun 30, 2024
        Revenue	500	400
        Net income	52	40
        Net income per share, basic	0.52	0.40
        Weighted average shares outstanding, basic	100	100

        """;

    [Fact]
    public void Per_share_wrong()
    {
        Errors(Operations).ShouldBeEmpty();
        Errors(Change(Operations, "0.52", "0.62")).ShouldContain(f => f.Code == "verify.per-share-wrong");
    }

    private const string Segments = """
        Revenue by segment (in millions)

        	Q2 2025	% of total
        Americas	300	60.0%
        International	200	40.0%
        Total	500	100.0%

        """;

    [Fact]
    public void Percent_of_total_wrong()
    {
        Errors(Segments).ShouldBeEmpty();
        Errors(Change(Segments, "60.0%", "66.0%")).ShouldContain(f => f.Code == "verify.percent-of-total-wrong");
    }

    private const string Costs = """
        Table 6. Costs and Expenses (JPY in millions)

        Costs and expenses:	1Q03	1Q02	YoY % change	4Q02	QoQ % change
        Cost of connectivity	5,234	5,093	2.8%	5,033	4.0%
        Cost of systems integration	2,323	2,987	-22.2%	4,248	-45.3%
        Total of Cost of Revenues	7,557	8,080	-6.5%	9,281	-18.6%

        """;

    [Fact]
    public void Percent_change_off_by_one()
    {
        // 5,234 against 5,093 is 2.74% to 2.80% whatever the rounding: 2.9% is one unit off, a warning.
        var findings = Findings(Change(Costs, "2.8%", "2.9%"));
        findings.ShouldContain(f => f.Code == "verify.percent-change-off-by-one" && f.Severity == Severity.Warning);
        findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Narrative_percent()
    {
        var text = Costs + "Cost of systems integration was JPY2,323 million in 1Q03, a decrease of 22.2% compared to 1Q02.\n";
        Errors(text).ShouldBeEmpty();
        // The table's -22.2% follows from its figures; the text's 25.2% does not.
        Errors(Change(text, "decrease of 22.2%", "decrease of 25.2%")).ShouldHaveSingleItem().Code.ShouldBe("verify.narrative-percent");
    }

    private const string Reconciliation = """
        Reconciliation of net income to adjusted EBITDA (in millions)

        	Q2 2025	Q1 2025	Q2 2024
        Net income	40	35	30
        Income taxes	12	10	9
        Depreciation and amortization	25	24	22
        Adjusted EBITDA	77	69	61

        """;

    [Fact]
    public void Reconciliation_does_not_foot()
    {
        Errors(Reconciliation).ShouldBeEmpty();
        // 40 + 12 + 25 = 77, not 87; no single sign explains a difference of 10.
        Errors(Change(Reconciliation, "EBITDA\t77", "EBITDA\t87")).ShouldContain(f => f.Code == "verify.reconciliation-does-not-foot");
    }

    private const string Summary = """
        Table 9. Adjusted EBITDA (JPY in millions)

        	1Q03	4Q02	1Q02
        Operating income	1,000	900	800
        Income tax benefit (expense)	(390)	161	97
        Net income	610	1,061	897

        CONSOLIDATED STATEMENTS OF OPERATIONS
        (Expressed in Thousands of Japanese Yen (JPY))

        	Jun 30, 2003	Mar 31, 2003	Jun 30, 2002
        Operating income	1,000,123	900,456	800,321
        Income tax expense(benefit)	390,012	(161,234)	(97,111)
        Net income	610,111	1,061,690	897,432

        """;

    [Fact]
    public void Sign_convention_mismatch()
    {
        Errors(Summary).ShouldBeEmpty();
        // "benefit (expense)" printed with the signs of "expense(benefit)".
        var flipped = Change(Summary, "390,012\t(161,234)\t(97,111)", "(390,012)\t161,234\t97,111");
        Errors(flipped).ShouldContain(f => f.Code == "verify.sign-convention-mismatch");
    }

    [Fact]
    public void Total_without_items()
    {
        const string text = """
            Revenue (in millions)

            	Q2 2025	Q2 2024
            Orders received	120	90
            Order backlog	130	95
            Total revenue	500	400

            """;
        // Nothing above "Total revenue" adds up to it: it is not checked, and the reader is told so.
        Findings(text).ShouldContain(f => f.Code == "verify.total-without-items" && f.Severity == Severity.Warning && f.Line == 6);
    }
}
