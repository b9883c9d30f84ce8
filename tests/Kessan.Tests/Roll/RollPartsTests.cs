using Kessan.Build;
using Kessan.Model;
using Kessan.Roll;

namespace Kessan.Tests.Roll;

/// <summary>The parts of a roll-forward: finding and moving dates in text, cutting a facts file, naming missing leaves.</summary>
public sealed class RollPartsTests
{
    private static readonly FiscalCalendar Iij = FiscalCalendar.MarchYearEnd;

    [Theory]
    [InlineData("issued on June 26, 2003, in the amount", "June 26, 2003", "2003-06-26")]
    [InlineData("as of Jun. 30, 2003", "Jun. 30, 2003", "2003-06-30")]
    [InlineData("as of 30 June 2003.", "30 June 2003", "2003-06-30")]
    [InlineData("as_of: 2003-06-30", "2003-06-30", "2003-06-30")]
    [InlineData("2003/3/31 現在", "2003/3/31", "2003-03-31")]
    [InlineData("2003年6月30日現在", "2003年6月30日", "2003-06-30")]
    public void Dates_written_out_are_found(string text, string found, string date)
    {
        var mention = DateMentions.Find(text, Iij).ShouldHaveSingleItem();
        mention.Text.ShouldBe(found);
        mention.Date.ShouldBe(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{current:MMM d, yyyy} and {prior_year:MMMM d, yyyy}")]
    [InlineData("Table 3. Number of Contracts")]
    [InlineData("February 30, 2003")]
    [InlineData("64kbps – 128kbps, 1Q2Q, Q103")]
    public void Placeholders_and_non_dates_are_not_found(string text) => DateMentions.Find(text, Iij).ShouldBeEmpty();

    [Fact]
    public void Quarter_labels_are_found_in_both_forms()
    {
        var found = DateMentions.Find("Cash at the start of 1Q02 and 4Q2002 (x1Q03)", Iij);
        found.Select(f => f.Quarter!.Value.Label).ShouldBe(["1Q02", "4Q02"]);
    }

    [Fact]
    public void Shifting_moves_a_quarters_first_and_last_day_and_its_label_in_one_pass()
    {
        var from = Iij.Quarter(2002, 4);
        var to = Iij.Quarter(2003, 1);
        DateMentions.Shift("# the quarter before (January 1 – March 31, 2003), 4Q02", from, to)
            .ShouldBe("# the quarter before (April 1 – June 30, 2003), 1Q03");
        DateMentions.Shift("# April 1 – June 30, 2003; Jun 30, 2003; 2003-06-30; April 10", Iij.Quarter(2003, 1), Iij.Quarter(2003, 2))
            .ShouldBe("# July 1 – September 30, 2003; Sep 30, 2003; 2003-09-30; April 10");
    }

    [Fact]
    public void A_facts_file_keeps_its_layout_and_loses_sections_left_empty()
    {
        var text = "# header\nconcept,period,value\n\n# kept\na,1Q03,1\na,1Q02,2\n\n# emptied\nb,1Q02,3\nb,4Q02,4\n\n# last\nc,1Q03,5\n";
        FactsCarrier.Carry(text, new HashSet<int> { 5, 6, 9, 10, 13 }, new HashSet<int> { 5, 13 })
            .ShouldBe("# header\nconcept,period,value\n\n# kept\na,1Q03,1\n\n# last\nc,1Q03,5\n");
    }

    [Fact]
    public void A_missing_total_is_named_as_the_facts_to_enter()
    {
        var (definition, facts, _) = ReleasePipeline.Load(Repo.Example);
        var derived = Calculator.Derive(definition!, facts).Value!;
        var q = Iij.Quarter(2003, 2);

        MissingFacts.LeavesOf(definition!, derived, "revenue.total", Iij.Quarter(2003, 1).Period).ShouldBeEmpty("known");
        MissingFacts.LeavesOf(definition!, derived, "revenue.dialup_access", q.Period).ShouldBe(["revenue.dialup_access"]);
        MissingFacts.LeavesOf(definition!, derived, "revenue.connectivity", q.Period)
            .ShouldBe(["revenue.dedicated_access", "revenue.dialup_access"], "dedicated access is given in thousands for other quarters, so it is entered, not computed from its parts in millions");
        MissingFacts.LeavesOf(definition!, derived, "per_ads.basic", q.Period).ShouldBe(
        [
            "revenue.dedicated_access", "revenue.dialup_access", "revenue.value_added", "revenue.other", "revenue.systems_integration", "revenue.equipment",
            "cost.connectivity_and_value_added", "cost.systems_integration", "cost.equipment",
            "expense.sales_and_marketing", "expense.general_and_administrative", "expense.research_and_development",
            "other_income_expense", "income_tax_expense", "minority_interest_income", "equity_method_income", "shares.weighted_average_ads",
        ]);
        MissingFacts.LeavesOf(definition!, derived, "bs.total_assets", q.EndInstant).Count.ShouldBe(11, "the assets side needs fewer facts than the other side");
    }

    [Fact]
    public void Only_the_missing_parts_of_a_total_are_named()
    {
        var (definition, facts, _) = ReleasePipeline.Load(Repo.Example);
        var q = Iij.Quarter(2003, 2);
        var some = facts.With(new Fact("revenue.dialup_access", q.Period, 1m, -3, new Kessan.Diagnostics.SourceLocation("x", 1)));
        MissingFacts.LeavesOf(definition!, Calculator.Derive(definition!, some).Value!, "revenue.connectivity", q.Period).ShouldBe(["revenue.dedicated_access"]);
    }
}
