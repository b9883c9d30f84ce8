using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// Totals whose rows run past headings (a cash flow statement's "Adjustments to reconcile ...:"), a section of one
/// row, a rate row among amounts, and a balance sheet's totals made of subtotals whose own items are not all shown: each is checked, and a planted change in it is found.
/// </summary>
public sealed class FootingPastHeadingsTests
{
    private const string Statements = """
        Condensed Consolidated Statements of Cash Flows (in thousands)

        	Six Months Ended June 30, 2026	Six Months Ended June 30, 2025
        Cash flows from operating activities:
        Net income	9,490	6,724
        Adjustments to reconcile net income to net cash provided by operating activities:
        Depreciation and amortization	2,647	1,229
        Stock-based compensation	5,264	4,526
        Changes in operating assets and liabilities:
        Accounts receivable	(11,119)	(8,512)
        Deferred revenue	9,255	(777)
        Net cash provided by operating activities	15,537	3,190
        Cash flows from investing activities:
        Purchases of property and equipment	(10,438)	(814)
        Net cash used in investing activities	(10,438)	(814)
        Cash flows from financing activities:
        Proceeds from issuance of common stock	1,000	124,577
        Repayment of debt	(500)	(2,000)
        Net cash provided by financing activities	500	122,577
        Net increase in cash	5,599	124,953
        Cash at beginning of period	147,553	85,381
        Cash at end of period	153,152	210,334

        Condensed Consolidated Balance Sheets (in millions)

        	June 30, 2026	December 31, 2025
        Current liabilities:
        Accounts payable	308	379
        Accrued expenses	1,469	1,790
        Total current liabilities	1,777	2,169
        Long-term liabilities:
        Debt	3,630	3,629
        Other liabilities	323	293
        Total liabilities	5,730	6,091
        Total stockholders equity	14,206	14,051
        Total liabilities and stockholders equity	19,936	20,142

        Selected balance sheet data (in thousands)

        	June 30, 2026	December 31, 2025
        Cash and cash equivalents	153,152	501,234
        Total current assets	2,249,899	1,855,406
        Total assets	4,415,709	3,840,331
        Accounts payable	812,987	543,538
        Total current liabilities	1,263,967	962,197
        Long-term debt	969,456	912,336
        Total long-term liabilities	1,217,314	1,115,881
        Total shareholders equity	1,934,428	1,762,253
        Total liabilities and shareholders equity	4,415,709	3,840,331

        Taxes (in millions)

        	Three Months Ended June 30, 2026	Three Months Ended June 30, 2025
        Income taxes	3,351	4,094
        Effective income tax rate	34%	34%
        Total other taxes and duties	7,204	7,531
        Total	10,555	11,625

        """;

    [Fact]
    public void Statements_with_headings_inside_their_totals_give_no_error() => CheckTests.Errors(Statements).ShouldBeEmpty();

    [Theory]
    [InlineData("Net cash provided by operating activities\t15,537", "16,537", 12)] // past the headings of its adjustments
    [InlineData("Net cash used in investing activities\t(10,438)", "(20,438)", 15)] // a section of one row
    [InlineData("Total liabilities\t5,730", "6,730", 34)] // past the "Long-term liabilities" heading
    [InlineData("Total stockholders equity\t14,206", "24,206", 36)] // no items: found in the total it goes into
    [InlineData("Total long-term liabilities\t1,217,314", "2,217,314", 49)] // selected items: the subtotals add up
    [InlineData("Total\t10,555", "20,555", 57)] // a rate row (34%) among the amounts is not added
    public void A_planted_change_in_a_total_is_found(string line, string changed, int reportedAt)
    {
        Statements.ShouldContain(line);
        var e = CheckTests.Errors(Statements.Replace(line, line[..(line.IndexOf('\t', StringComparison.Ordinal) + 1)] + changed, StringComparison.Ordinal));
        e.ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot && f.Line == reportedAt);
    }
}
