using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;
using Kessan.Verify.Structure;

namespace Kessan.Tests.Verify;

/// <summary>Each rule on a small release of its own.</summary>
public sealed class CheckTests
{
    internal static List<Diagnostic> Errors(string text) =>
        Verifier.VerifyText("t.txt", text).Findings.Where(f => f.Severity == Severity.Error).ToList();

    private const string Costs = """
        Table 6. Costs and Expenses (JPY in millions)

        Costs and expenses:	1Q03	1Q02	YoY % change	4Q02	QoQ % change
        Cost of Revenues:
        Cost of connectivity	5,234	5,093	2.8%	5,033	4.0%
        Cost of systems integration	2,323	2,987	-22.2%	4,248	-45.3%
        Total of Cost of Revenues	7,557	8,080	-6.5%	9,281	-18.6%

        """;

    [Fact]
    public void A_consistent_table_gives_no_error() => Errors(Costs).ShouldBeEmpty();

    [Fact]
    public void A_total_that_does_not_foot_is_an_error_at_the_total()
    {
        var e = Errors(Costs.Replace("7,557\t8,080", "7,567\t8,080", StringComparison.Ordinal));
        e.ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot && f.Line == 7);
    }

    [Fact]
    public void A_wrong_percent_change_is_an_error()
    {
        var e = Errors(Costs.Replace("-22.2%", "-25.2%", StringComparison.Ordinal));
        e.ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.PercentChangeWrong);
    }

    [Fact]
    public void A_sign_flipped_percent_change_is_an_error()
    {
        Errors(Costs.Replace("2.8%", "-2.8%", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.PercentChangeWrong);
    }

    [Fact]
    public void Tables_in_millions_tie_out_to_statements_in_thousands()
    {
        var statement = """
            CONSOLIDATED STATEMENTS OF OPERATIONS
            (Expressed in Thousands of Japanese Yen (JPY))

            	Jun 30, 2003	Jun 30, 2002	Mar 31, 2003
            	JPY	JPY	JPY
            Cost of connectivity	5,234,158	5,092,515	5,033,266
            Cost of systems integration	2,323,392	2,987,373	4,247,690

            """;
        Errors(Costs + statement).ShouldBeEmpty();
        var e = Errors(Costs + statement.Replace("2,987,373", "2,887,373", StringComparison.Ordinal));
        e.ShouldContain(f => f.Code == FindingCodes.TieOutMismatch);
    }

    [Fact]
    public void A_sentence_about_something_narrower_than_a_row_is_not_held_to_that_row()
    {
        // No table shows international backbone costs; "Total of Cost of Revenues" names only part of the subject,
        // and none of the sentence's figures agrees with it: not taken as a statement about that row.
        var text = Costs + "International backbone costs of revenues were JPY261 million, a decrease of 41.9% compared to 1Q02.\n";
        Errors(text).ShouldBeEmpty();

        // The row itself, named in full, is still held to its figures.
        var own = Costs + "Total of cost of revenues was JPY7,657 million in 1Q03, a decrease of 6.5% compared to 1Q02.\n";
        Errors(own).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeAmount);

        // A narrower subject whose figures agree with the row is that row's: an error in its other figure is found.
        var agreeing = Costs + "Overall total of cost of revenues was JPY7,557 million in 1Q03, a decrease of 9.9% compared to 1Q02.\n";
        Errors(agreeing).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativePercent);
    }

    [Fact]
    public void Narrative_direction_words_are_checked()
    {
        var text = Costs + "Cost of SI was JPY2,323 million in 1Q03, a decrease of 22.2% compared to 1Q02.\n";
        Errors(text).ShouldBeEmpty();
        Errors(text.Replace("a decrease of 22.2%", "an increase of 22.2%", StringComparison.Ordinal))
            .ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeDirection);
        Errors(text.Replace("JPY2,323 million", "JPY2,423 million", StringComparison.Ordinal))
            .ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeAmount);
    }

    [Fact]
    public void Usd_translation_is_checked_at_the_stated_rate()
    {
        const string text = """
            Translations have been made at the rate of JPY119.87 = US\$1.

            CONSOLIDATED BALANCE SHEETS
            (Expressed in Thousands of Japanese Yen (JPY) and U.S. Dollars (USD))

            	Jun 30, 2003		Mar 31, 2003
            	USD	JPY	JPY
            Cash	23,517	2,819,007	3,588,352
            Other	100	11,987	1

            """;
        Errors(text).ShouldBeEmpty();
        Errors(text.Replace("23,517", "23,917", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.TranslationWrong);
        Verifier.VerifyText("t.txt", text.Replace("23,517", "23,518", StringComparison.Ordinal)).Findings
            .ShouldContain(f => f.Code == FindingCodes.RoundingAdjustment && f.Severity == Severity.Info);
    }

    [Fact]
    public void Sign_conventions_come_from_labels()
    {
        Labels.SignConvention("Income tax expense(benefit)").ShouldBe(("expense", "benefit"));
        Labels.SignConvention("Income tax benefit (expense)").ShouldBe(("benefit", "expense"));
        Labels.SignConvention("Decrease (increase) in accounts receivable").ShouldBe(("decrease", "increase"));
        Labels.SignConvention("Capital lease obligations (noncurrent)").ShouldBeNull();
    }

    [Fact]
    public void Quarter_names_follow_the_fiscal_year_the_release_states()
    {
        var fiscal = FiscalConvention.FromText(["for the fiscal year ending March 31, 2004 (\"fiscal 2003\")."]);
        fiscal.KeyOf("1Q03").ShouldBe("2003-06");
        fiscal.KeyOf("4Q02").ShouldBe("2003-03");
        fiscal.KeyOf("Jun 30, 2003").ShouldBe("2003-06");
        fiscal.KeyOf("Mar 31, 2003").ShouldBe("2003-03");
    }

    [Fact]
    public void A_total_column_cross_foots()
    {
        const string text = """
            Contractual obligations (in thousands)

            	Less Than 1 Year	2-5 Years	Total
            Operating leases	$773	$2,055	$2,828
            Finjan Mobile	650	—	650
            Finjan Blue	2,000	2,000	4,000
            Total	$3,423	$4,055	$7,478

            """;
        Errors(text).ShouldBeEmpty();
        Errors(text.Replace("$2,828", "$2,928", StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.CrossFootFails && f.Line == 4);
    }

    private const string SegmentTable = """
        Segment information (millions of dollars)

        	Upstream	Downstream	Chemicals	Segment Total
        Sales	5,939	25,072	1,970	32,981
        Intersegment revenue	6,230	4,502	1,668	12,400
        Segment income	1,212	825	255	2,292
        Investments in equity companies	5,107	462	3,008	8,577
        Total assets	152,661	32,412	17,456	202,529
        Reconciliation	Segment Total	Corporate	Corporate Total
        Additions to property	5,823	532	6,355
        Investments in equity companies	8,577	(140)	8,437
        Capital employed	30,100	1,200	31,300
        Total assets	202,529	35,332	237,861

        """;

    [Fact]
    public void A_segment_total_column_cross_foots_and_a_row_of_headings_inside_the_table_starts_a_block()
    {
        Errors(SegmentTable).ShouldBeEmpty();
        // A segment's total assets changed: the segment total no longer adds up.
        Errors(SegmentTable.Replace("152,661", "252,661", StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.CrossFootFails && f.Line == 8);
        // The corporate total is read under the block's own headings: segment total plus corporate.
        Errors(SegmentTable.Replace("237,861", "337,861", StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.CrossFootFails && f.Line == 13);
    }

    private const string SalesDrivers = """
        Net sales change drivers

        	Volume	Volume excluding acquisitions	Foreign Exchange	Price	Mix	Other	Net Sales Growth
        Beauty	—%	1%	(3)%	3%	(2)%	—%	(2)%
        Grooming	1%	1%	(4)%	2%	—%	(1)%	(2)%
        Health Care	(1)%	(1)%	(3)%	1%	3%	—%	—%
        Fabric & Home Care	(1)%	—%	(2)%	—%	—%	—%	(3)%
        Total Company	(1)%	—%	(2)%	1%	—%	—%	(2)%

        """;

    [Fact]
    public void Percentage_points_that_add_up_to_the_last_column_are_cross_footed()
    {
        Errors(SalesDrivers).ShouldBeEmpty();
        Errors(SalesDrivers.Replace("(4)%\t2%\t—%\t(1)%\t(2)%", "(4)%\t2%\t—%\t(1)%\t(7)%", StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.CrossFootFails && f.Line == 5);
    }

    private const string SegmentYears = """
        Segment results (in millions)

        	Year	Net Sales	Earnings Before Income Taxes	Net Earnings
        Beauty	2025	3,490	684	539
        	2024	3,550	753	587
        Grooming	2025	1,505	404	321
        	2024	1,539	379	303
        Corporate	2025	198	48	200
        	2024	128	(218)	68
        Total Company	2025	5,193	1,136	1,060
        	2024	5,217	914	958

        """;

    [Fact]
    public void A_total_of_segments_each_with_a_row_for_the_year_before_foots_row_by_row()
    {
        Errors(SegmentYears).ShouldBeEmpty();
        Errors(SegmentYears.Replace("5,193", "6,193", StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot && f.Line == 10);
        Errors(SegmentYears.Replace("958", "858", StringComparison.Ordinal)).ShouldContain(f => f.Code == FindingCodes.TotalDoesNotFoot && f.Line == 11);
    }

    private const string SegmentNote = """
        Segment results (in millions)

        	Year	Net Sales	Net Earnings
        Beauty	2025	3,490	539
        	2024	3,550	587
        Grooming	2025	1,505	321
        	2024	1,539	303
        Total Company	2025	19,776	3,793
        	2024	20,195	3,781

        Segment results, three months ended March 31, 2025 (in millions)

        	Net Sales	% Change Versus Year Ago	Net Earnings	% Change Versus Year Ago
        Beauty	3,490	(2)%	539	(8)%
        Grooming	1,505	(2)%	321	6%
        Total Company	19,776	(2)%	3,793	—%

        """;

    [Fact]
    public void A_change_versus_year_ago_is_checked_against_the_year_ago_figures_of_another_table()
    {
        var report = Verifier.VerifyText("t.txt", SegmentNote);
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.PercentChange].Checked.ShouldBe(5);
        // 3,490 against 3,550 is -1.7%: a printed (5)% is wrong.
        Errors(SegmentNote.Replace("3,490\t(2)%", "3,490\t(5)%", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.PercentChangeWrong);
    }

    [Fact]
    public void Parts_of_a_change_under_a_change_heading_are_not_changes_between_columns()
    {
        const string text = """
            Net Sales Change Drivers 2025 vs. 2024

            	Net Sales Change Drivers 2025 vs. 2024
            	Price	Mix	Net Sales Growth
            Beauty	3%	(2)%	(2)%
            Grooming	2%	—%	(2)%

            """;
        var columns = Verifier.Understand(Kessan.Verify.Reading.ReleaseLoader.Parse("t.txt", text), []).Tables.Single().Columns;
        columns.Where(c => c.Kind == ColumnKind.PercentChange).Select(c => c.Header).ShouldBe(["Net Sales Growth"]);
    }

    private const string DollarRelease = """
        Revenue was $3.04 billion for the second quarter, up 37.7% from a year ago. Net income per diluted share was $0.95 for the quarter.

        Condensed Consolidated Income Statements (in millions, except per share amounts)

        	Three Months Ended June 30,		Six Months Ended June 30,
        	2026	2025	2026	2025
        Revenue	3,036.2	2,204.6	5,809.2	4,209.9
        Net income	1,212.9	888.8	2,235.8	1,702.6
        Net income per diluted share	0.95	0.70	1.75	1.34

        """;

    [Fact]
    public void Sentences_of_a_release_in_dollars_are_checked_against_the_period_they_name()
    {
        var report = Verifier.VerifyText("t.txt", DollarRelease);
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        report.Coverage!.Kinds[RelationKind.Sentence].Checked.ShouldBe(3);
        Errors(DollarRelease.Replace("$3.04 billion", "$3.34 billion", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeAmount);
        Errors(DollarRelease.Replace("up 37.7%", "up 47.7%", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativePercent);
        // Without the period named, a figure that agrees with nothing is not asserted: it is counted as not checked.
        var unnamed = Verifier.VerifyText("t.txt", DollarRelease.Replace(" for the second quarter", "", StringComparison.Ordinal).Replace("$3.04 billion", "$3.34 billion", StringComparison.Ordinal));
        unnamed.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
        unnamed.Coverage!.Kinds[RelationKind.Sentence].Skipped.Keys.ShouldContain("subject or period not confirmed");
    }

    private const string AnnualReport = """
        Sales for 2000 were $496.9 million versus $447.7 million in 1999. Other expense, net, was $42.1 million in 2000 versus $21.8 million in 1999.

        Consolidated Income Statements (in thousands)

        	2000	1999	1998
        Sales	496,851	447,681	274,506
        Other expense, net	42,086	21,782	1,397

        """;

    [Fact]
    public void A_sentence_amount_for_a_year_it_names_agrees_with_its_row_or_is_an_error()
    {
        Errors(AnnualReport).ShouldBeEmpty();
        Errors(AnnualReport.Replace("$496.9", "$596.9", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeAmount);
        Errors(AnnualReport.Replace("$42.1", "$52.1", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeAmount);
        // A year the tables do not hold, or an amount of a part ("in Europe"), is not asserted.
        Errors(AnnualReport.Replace("$496.9", "$596.9", StringComparison.Ordinal).Replace("for 2000", "for 2001", StringComparison.Ordinal)).ShouldBeEmpty();
        Errors(AnnualReport.Replace("$496.9 million versus", "$96.9 million in Europe versus", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    private const string Highlights = """
        Second Quarter 2026 Highlights

        • Net sales of $622.9 million, an increase of 6% to the prior year

        Condensed Consolidated Income Statements (in thousands)

        	Three Months Ended June 30,		Six Months Ended June 30,
        	2026	2025	2026	2025
        Net sales	622,880	587,434	1,123,317	1,042,681

        """;

    [Fact]
    public void A_bullet_takes_its_period_from_the_heading_above_it()
    {
        Errors(Highlights).ShouldBeEmpty();
        Errors(Highlights.Replace("$622.9", "$722.9", StringComparison.Ordinal)).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.NarrativeAmount);
        // Without the heading the quarter and the six months are both the release's period: not asserted.
        Errors(Highlights.Replace("Second Quarter 2026 Highlights", "Highlights", StringComparison.Ordinal).Replace("$622.9", "$722.9", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void A_valuation_schedule_rolls_forward_whatever_sign_its_deductions_carry()
    {
        const string text = """
            SCHEDULE II - VALUATION AND QUALIFYING ACCOUNTS
            (in thousands)

            	Balance at Beginning of Year	Charged to Costs and Expenses	Deductions	Balance at End of Year
            Allowance for doubtful accounts, 1998	4,710	1,200	(1,510)	4,400
            Allowance for doubtful accounts, 1999	4,400	9,800	1,272	12,928
            Allowance for doubtful accounts, 2000	12,928	3,100	1,050	14,978
            Restructuring reserve, 2000	3,025	40,000	8,456	34,569

            """;
        Errors(text).ShouldBeEmpty();
        Errors(Verified.Change(text, "12,928\n", "13,928\n")).ShouldHaveSingleItem().Code.ShouldBe("verify.cross-foot-fails");
    }

    [Fact]
    public void Tables_printed_under_the_same_headings_confirm_their_total_column_together()
    {
        // A segment note per period, three rows each: one changed figure leaves two of three rows adding up in its
        // table, too few to confirm the layout alone, but the tables share their headings and their rows.
        const string text = """
            Three Months Ended June 30, 2025 (millions of dollars)

            	Segment Total	Corporate and Financing	Corporate Total
            Additions to property, plant and equipment	5,823	532	6,355
            Investments in equity companies	32,797	(140)	32,657
            Total assets	412,265	35,332	447,597

            Three Months Ended June 30, 2024 (millions of dollars)

            	Segment Total	Corporate and Financing	Corporate Total
            Additions to property, plant and equipment	90,373	431	90,804
            Investments in equity companies	34,118	(108)	34,010
            Total assets	411,124	42,351	453,475

            """;
        Errors(text).ShouldBeEmpty();
        Errors(Verified.Change(text, "412,265", "512,265")).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.CrossFootFails);
    }

    [Fact]
    public void Rows_under_a_less_heading_are_taken_away_from_what_they_follow()
    {
        const string text = """
            Components of Operating Costs (billions of dollars)

            	Twelve Months Ended December 31, 2024	Six Months Ended June 30, 2025
            Production and manufacturing expenses	39.6	20.2
            Selling, general and administrative expenses	10.0	5.1
            Total Adjusted Operating Costs (Non-GAAP)	49.6	25.3
            Less
            Depreciation and depletion	13.4	8.8
            Other adjustments	3.7	2.4
            Total Cash Operating Expenses (Cash Opex) (Non-GAAP)	32.5	14.1

            """;
        Errors(text).ShouldBeEmpty();
        var e = Errors(Verified.Change(text, "32.5", "42.5")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.TotalDoesNotFoot);
        e.Message.ShouldContain("add up to 32.5");
    }

    [Fact]
    public void A_one_column_total_is_footed_over_the_rows_another_table_confirms()
    {
        // One column cannot confirm which rows a total adds up when it does not: the same total over the same rows in
        // the note for the other period does.
        const string text = """
            Segment note: consolidated revenues, three months ended June 30, 2025 (millions of dollars)

            	Amount
            Segment revenues and other income	110,407
            Other revenues	289
            Elimination of intersegment revenues	(29,190)
            Total consolidated revenues and other income	81,506

            Segment note: consolidated revenues, three months ended June 30, 2024 (millions of dollars)

            	Amount
            Segment revenues and other income	125,762
            Other revenues	551
            Elimination of intersegment revenues	(33,253)
            Total consolidated revenues and other income	93,060

            """;
        Errors(text).ShouldBeEmpty();
        var e = Errors(Verified.Change(text, "81,506", "91,506")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.TotalDoesNotFoot);
        e.Message.ShouldContain("as another table of the release has it");
    }

    [Fact]
    public void A_total_of_a_block_below_a_reconciliation_is_footed()
    {
        // Arista's reconciliation of GAAP to non-GAAP measures ends with a summary of stock-based compensation by line.
        const string text = """
            Reconciliation of Selected GAAP to Non-GAAP Financial Measures (in millions)

            	Three Months Ended June 30, 2026	2025	Six Months Ended June 30, 2026	2025
            GAAP income from operations	1,378.0	986.2	2,535.8	1,845.0
            Stock-based compensation expense	120.4	85.2	241.3	178.2
            Intangible asset amortization	15.3	5.0	30.6	10.6
            Non-GAAP income from operations	1,513.7	1,076.4	2,807.7	2,033.8
            Summary of Stock-Based Compensation Expense
            Cost of revenue	7.4	5.8	14.4	11.3
            Research and development	70.1	53.2	142.3	110.2
            Sales and marketing	32.2	18.8	62.0	38.7
            General and administrative	10.7	7.4	22.6	18.0
            Total	120.4	85.2	241.3	178.2

            """;
        Errors(text).ShouldBeEmpty();
        Errors(Verified.Change(text, "Total	120.4", "Total	220.4")).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.TotalDoesNotFoot);
    }

    [Fact]
    public void Net_income_is_income_from_continuing_and_discontinued_operations()
    {
        const string text = """
            SELECTED FINANCIAL DATA

            	2000	1999	1998	1997	1996
            Basic earnings per share:
            Continuing operations	1.75	.62	1.74	.21	.72
            Discontinued operations	.09	2.77	.51	.53	.55
            Net income	1.84	3.39	2.25	.74	1.27

            """;
        Errors(text).ShouldBeEmpty();
        // PerkinElmer's 2000 10-K printed .84 here.
        var e = Errors(Verified.Change(text, "Net income	1.84", "Net income	.84")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.TotalDoesNotFoot);
        e.Message.ShouldContain("add up to 1.84");
    }
}
