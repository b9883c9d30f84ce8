using Kessan.Consolidation;
using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Tests.Ledger.Consolidation;

/// <summary>
/// The statement of cash flows of a small group worked by hand, the group of <see cref="ConsolidatorTests"/> with other
/// ledgers: IIJ (parent) buys routers for cash, leases servers, depreciates, revalues a dollar deposit and pays the
/// lessor; IIJ Technology (subsidiary, 64.1%) earns 1,000,000 after revaluing a dollar receivable; Crosswave
/// (affiliate, 37.9%) loses 1,000,000.
/// </summary>
public class CashFlowTests
{
    private const string Iij = """
        2003-03-31 Opening balances
            Assets:Cash                      JPY 20,000,000
            Assets:Property                   JPY 5,000,000
            Investments:IIJ Technology        JPY 3,846,000
            Investments:Crosswave             JPY 1,000,000
            Equity:Capital                  JPY -29,846,000

        2003-04-10 Dedicated access, collected
            Assets:Cash                       JPY 7,000,000
            Income:Connectivity

        2003-04-15 Routers bought for cash
            Assets:Property                   JPY 2,000,000
            Assets:Cash

        2003-05-01 Servers under a capital lease
            Assets:Property                   JPY 1,200,000  ; flow: capital-lease
            Liabilities:Lease Obligations    JPY -1,200,000  ; flow:capital-lease, lessor:NEC

        2003-06-30 Backbone costs
            Expenses:Backbone                 JPY 4,000,000
            Assets:Cash

        2003-06-30 Depreciation
            Expenses:Depreciation               JPY 400,000
            Assets:Property                    JPY -400,000  ; flow: depreciation

        2003-06-30 Dollar deposit revalued
            Expenses:Foreign Exchange            JPY 30,000
            Assets:Cash                                      ; flow: fx

        2003-06-30 Lease payment
            Liabilities:Lease Obligations       JPY 100,000
            Assets:Cash
        """;

    private const string Tech = """
        2003-03-31 Opening balances
            Assets:Cash                       JPY 6,000,000
            Equity:Capital                   JPY -6,000,000

        2003-06-01 Systems integration on credit
            Assets:Receivable                 JPY 3,000,000
            Income:Systems Integration

        2003-06-15 Subcontractors
            Expenses:Cost of SI               JPY 1,950,000
            Assets:Cash

        2003-06-30 Dollar receivable revalued
            Expenses:Foreign Exchange            JPY 50,000
            Assets:Receivable                   JPY -50,000  ; flow: fx
        """;

    private const string IijMap = """
        Assets:Cash                          bs.cash
        Assets:Property                      bs.property
        Investments:IIJ Technology           bs.investments_affiliates    investment-in tech
        Investments:Crosswave                bs.investments_affiliates
        Liabilities:Lease Obligations        bs.lease_obligations
        Equity:*                             bs.capital
        Income:*                             revenue
        Expenses:*                           cost
        """;

    private const string TechMap = """
        Assets:Cash                          bs.cash
        Assets:Receivable                    bs.receivables
        Equity:Capital                       bs.capital         owned-by iij
        Income:*                             revenue
        Expenses:*                           cost
        """;

    /// <summary>The group of <see cref="ConsolidatorTests"/>, closing each period's net income into retained earnings.</summary>
    private const string Group = ConsolidatorTests.Group + "\nconcept retained-earnings           bs.retained\n";

    private static readonly Dictionary<string, Concept> Concepts = ConsolidatorTests.Concepts.Values.Concat(
    [
        new("bs.property", "Property and equipment", PeriodType.Instant, Balance.Debit, "JPY"),
        new("bs.lease_obligations", "Capital lease obligations", PeriodType.Instant, Balance.Credit, "JPY"),
    ]).ToDictionary(c => c.Id);

    private const string Definition = """
        cash          bs.cash
        cash-effect   cf.effect_of_exchange_rate_changes
        # concept                   [flow]          section     line
        bs.receivables                              operating   cf.change_in_receivables
        bs.receivables              fx              operating   cf.change_in_receivables
        bs.property                 depreciation    operating   cf.depreciation
        *                           fx              operating   cf.foreign_exchange_loss
        bs.investments_affiliates                   operating   cf.equity_in_net_loss
        bs.minority_interests                       operating   cf.minority_interests
        bs.property                                 investing   cf.purchase_of_property
        bs.lease_obligations                        financing   cf.repayment_of_lease_obligations
        bs.capital                                  financing   cf.issuance_of_stock
        bs.property                 capital-lease   noncash
        bs.lease_obligations        capital-lease   noncash
        """;

    private static ConsolidatedBalances Consolidate(TestFiles files, string iij = Iij)
    {
        var result = ConsolidatorTests.ConsolidateGroup(
            files, Group, Concepts, ("iij", iij, IijMap), ("tech", Tech, TechMap), ("crosswave", ConsolidatorTests.Crosswave, ConsolidatorTests.CrosswaveMap));
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    private static CashFlowDefinition Parse(string text)
    {
        var parsed = CashFlowDefinition.Parse(text, "cashflow.txt");
        parsed.Diagnostics.ShouldBeEmpty(string.Join("\n", parsed.Diagnostics));
        return parsed.Value!;
    }

    private static Result<IReadOnlyList<CashFlowStatement>> Build(TestFiles files, string definition = Definition, string iij = Iij) =>
        CashFlowBuilder.Build(Consolidate(files, iij), Parse(definition), Concepts);

    /// <summary>The one problem building the statements gives.</summary>
    private static Diagnostic BuildProblem(string definition = Definition, string iij = Iij)
    {
        using var files = new TestFiles();
        var result = Build(files, definition, iij);
        result.Value.ShouldBeNull();
        return result.Diagnostics.ShouldHaveSingleItem();
    }

    /// <summary>The one problem reading a definition gives.</summary>
    private static Diagnostic ParseProblem(string text)
    {
        var parsed = CashFlowDefinition.Parse(text, "cashflow.txt");
        parsed.Value.ShouldBeNull();
        return parsed.Diagnostics.ShouldHaveSingleItem();
    }

    private static string Without(string text, string row) =>
        text.Contains(row, StringComparison.Ordinal) ? text.Replace(row + "\n", "", StringComparison.Ordinal) : throw new ArgumentException(row);

    [Fact]
    public void Consolidation_keeps_the_movements_of_balance_sheet_concepts_by_flow_and_adds_its_own()
    {
        using var files = new TestFiles();
        var balances = Consolidate(files);
        balances.Periods.Select(p => p.Label).ShouldBe(["4Q02", "1Q03"]);
        var (q4, q1) = (balances.Periods[0], balances.Periods[1]);
        var flows = balances.Flows.Where(kv => kv.Key.Period == q1).ToList();
        flows.Select(f => $"{f.Key.Concept}|{f.Key.Flow}|{f.Value:0}").ShouldBe(
            [
                "bs.cash||-1050000",                            // IIJ 7,000,000 - 2,000,000 - 4,000,000 - 100,000; Tech -1,950,000
                "bs.cash|fx|-30000",
                "bs.receivables||3000000",
                "bs.receivables|fx|-50000",
                "bs.property||2000000",
                "bs.property|capital-lease|1200000",
                "bs.property|depreciation|-400000",
                "bs.lease_obligations||100000",
                "bs.lease_obligations|capital-lease|-1200000",
                "bs.minority_interests|minority-interest|-359000",    // 35.9% of Tech's 1,000,000 net income
                "bs.investments_affiliates|equity-method|-379000",    // 37.9% of Crosswave's 1,000,000 net loss
                "bs.retained|closing|-2832000",                       // the group's net income
            ],
            ignoreOrder: true);

        // Every flow of the period together is the period's change of each balance; duration concepts have none.
        foreach (var concept in Concepts.Values.Where(c => c.PeriodType == PeriodType.Instant))
        {
            var change = balances.Amounts.GetValueOrDefault((concept.Id, q1)) - balances.Amounts.GetValueOrDefault((concept.Id, q4));
            flows.Where(f => f.Key.Concept == concept.Id).Sum(f => f.Value).ShouldBe(change, concept.Id);
        }

        balances.Flows.Keys.ShouldAllBe(k => Concepts[k.Concept].PeriodType == PeriodType.Instant);
        balances.Flows[("bs.minority_interests", "", q4)].ShouldBe(-2_154_000m); // 35.9% of Tech's opening capital
    }

    [Fact]
    public void The_indirect_cash_flow_statement_puts_each_movement_on_its_line_and_rolls_cash_forward()
    {
        using var files = new TestFiles();
        var result = Build(files);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        var q1 = result.Value!.ShouldHaveSingleItem();
        q1.Period.Label.ShouldBe("1Q03");

        // 10,000,000 revenue - 6,430,000 costs - 359,000 minority interests - 379,000 equity in Crosswave's loss.
        q1.NetIncome.ShouldBe(2_832_000m);
        q1.Lines.ShouldBe(
        [
            (CashFlowSection.Operating, "cf.change_in_receivables", -2_950_000m), // -3,000,000 billed, +50,000 revaluation (the concept's own fx row)
            (CashFlowSection.Operating, "cf.depreciation", 400_000m),
            (CashFlowSection.Operating, "cf.equity_in_net_loss", 379_000m),       // equity-method flow, on the concept's untagged row
            (CashFlowSection.Operating, "cf.foreign_exchange_loss", 30_000m),     // the cash revaluation, by the '*' fx row
            (CashFlowSection.Operating, "cf.minority_interests", 359_000m),       // minority-interest flow, on the concept's untagged row
            (CashFlowSection.Investing, "cf.purchase_of_property", -2_000_000m),  // the routers; the leased servers are not a cash flow
            (CashFlowSection.Financing, "cf.repayment_of_lease_obligations", -100_000m),
        ]);
        q1.Total(CashFlowSection.Operating).ShouldBe(1_050_000m);
        q1.Total(CashFlowSection.Investing).ShouldBe(-2_000_000m);
        q1.Total(CashFlowSection.Financing).ShouldBe(-100_000m);
        q1.NetChange.ShouldBe(-1_050_000m);
        q1.Effect.ShouldBe(-30_000m);
        q1.Amount("cf.issuance_of_stock").ShouldBe(0m);
        q1.CashAtBeginning.ShouldBe(26_000_000m); // IIJ 20,000,000 + Tech 6,000,000; Crosswave is not consolidated
        q1.CashAtEnd.ShouldBe(24_920_000m);
        (q1.CashAtBeginning + q1.NetChange + q1.Effect).ShouldBe(q1.CashAtEnd);
    }

    [Fact]
    public void A_star_row_serves_every_concept_of_its_flow_unless_the_concept_has_its_own()
    {
        var definition = Parse(Definition);
        definition.Find("bs.cash", "fx")!.Concept.ShouldBe("*");
        definition.Find("bs.property", "fx")!.Line.ShouldBe("cf.foreign_exchange_loss");
        definition.Find("bs.receivables", "fx")!.ShouldBe(new CashFlowRule("bs.receivables", "fx", CashFlowSection.Operating, "cf.change_in_receivables", new SourceLocation("cashflow.txt", 5)));
        definition.Find("bs.receivables", "depreciation").ShouldBeNull();  // a ledger flow never falls back to the untagged row
        definition.Find("bs.minority_interests", Consolidator.MinorityInterestFlow)!.Line.ShouldBe("cf.minority_interests");
        definition.Find("bs.investments_affiliates", Consolidator.EquityMethodFlow)!.Line.ShouldBe("cf.equity_in_net_loss");
        definition.Find("bs.property", "capital-lease")!.Section.ShouldBe(CashFlowSection.NonCash);
        definition.LineNames[^1].ShouldBe("cf.effect_of_exchange_rate_changes");
        definition.LineNames.ShouldNotContain("");

        // Without the receivables' own fx row, the '*' row takes the receivable's revaluation too; the totals stay.
        using var files = new TestFiles();
        var result = Build(files, Without(Definition, "bs.receivables              fx              operating   cf.change_in_receivables"));
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        var q1 = result.Value!.ShouldHaveSingleItem();
        q1.Amount("cf.change_in_receivables").ShouldBe(-3_000_000m);
        q1.Amount("cf.foreign_exchange_loss").ShouldBe(80_000m);
        q1.Total(CashFlowSection.Operating).ShouldBe(1_050_000m);
        q1.Effect.ShouldBe(-30_000m);
    }

    [Fact]
    public void A_flow_without_a_row_is_unclassified_and_named()
    {
        var problem = BuildProblem(Without(Definition, "bs.property                 depreciation    operating   cf.depreciation"));
        problem.Code.ShouldBe("cashflow.unclassified");
        problem.Message.ShouldContain("bs.property changed with flow 'depreciation' by -400,000 (debits +) in 1Q03");
    }

    [Fact]
    public void Non_cash_movements_that_do_not_cancel_are_reported()
    {
        // The lease obligation was posted without its flow: the servers' non-cash acquisition has no other side.
        var problem = BuildProblem(iij: Iij.Replace("  ; flow:capital-lease, lessor:NEC", "", StringComparison.Ordinal));
        problem.Code.ShouldBe("cashflow.noncash-unbalanced");
        problem.Message.ShouldContain("In 1Q03");
        problem.Message.ShouldContain("leave -1,200,000");
    }

    [Fact]
    public void Cash_moved_with_a_flow_needs_a_cash_effect_line()
    {
        var problem = BuildProblem(Without(Definition, "cash-effect   cf.effect_of_exchange_rate_changes"));
        problem.Code.ShouldBe("cashflow.no-cash-effect");
        problem.Location.ShouldBe(new SourceLocation("cashflow.txt", 6)); // the '*' fx row, once the cash-effect row is gone
        problem.Message.ShouldContain("Cash (bs.cash) moved with flow 'fx' in 1Q03");
    }

    [Fact]
    public void A_quarter_without_entries_between_two_others_is_a_gap()
    {
        var problem = BuildProblem(iij: Iij + "\n\n2003-10-01 Backbone costs, 3Q03\n    Expenses:Backbone  JPY 1,000\n    Assets:Cash\n");
        problem.ShouldBeProblem("cashflow.gap", null, "The ledgers have no entries between 1Q03 and 3Q03, so the cash flows of 3Q03 cannot be told");
    }

    [Fact]
    public void Cash_or_a_row_that_is_not_a_balance_sheet_concept_is_reported()
    {
        using var files = new TestFiles();
        var result = Build(files, Definition.Replace("cash          bs.cash", "cash          revenue", StringComparison.Ordinal) + "\nrevenue  operating  cf.other\n");
        result.Value.ShouldBeNull();
        result.Diagnostics.Select(d => d.Code).ShouldBe(["cashflow.not-balance-sheet", "cashflow.not-balance-sheet"]);
        result.Diagnostics[0].Message.ShouldContain("names 'revenue' as cash, but it is not a balance-sheet concept");
        result.Diagnostics[1].ShouldBeProblem("cashflow.not-balance-sheet", new SourceLocation("cashflow.txt", Definition.Split('\n').Length + 1), "'revenue' is not a balance-sheet concept");
    }

    [Fact]
    public void Cash_that_does_not_roll_forward_is_reported()
    {
        // Not reachable from ledgers: every entry balances, so the lines and the effect always add up to the change
        // in cash. Balances made by hand, where cash grows with no movement behind it, exercise the check.
        var q4 = new LedgerPeriod("4Q02", FiscalCalendar.MarchYearEnd.Quarter(2002, 4).Period);
        var q1 = new LedgerPeriod("1Q03", FiscalCalendar.MarchYearEnd.Quarter(2003, 1).Period);
        var balances = new ConsolidatedBalances(
            new Dictionary<(string, LedgerPeriod), decimal> { [("bs.cash", q4)] = 1_000m, [("bs.cash", q1)] = 1_500m },
            [q4, q1],
            new Dictionary<(string, string, LedgerPeriod), decimal>());
        var result = CashFlowBuilder.Build(balances, Parse(Definition), Concepts);
        result.Value.ShouldBeNull();
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.ShouldBeProblem("cashflow.roll-forward", null, "In 1Q03, cash at the beginning (1,000) plus the net change (0) and the effect on cash (0) is not cash at the end (1,500)");
    }

    [Fact]
    public void A_concept_and_flow_given_twice_is_a_duplicate()
    {
        var problem = ParseProblem("cash bs.cash\nbs.property  depreciation  operating  cf.depreciation\nbs.property  depreciation  investing  cf.disposals\nbs.property  operating  cf.depreciation\n");
        problem.Code.ShouldBe("cashflow.duplicate");
        problem.Location.ShouldBe(new SourceLocation("cashflow.txt", 3));
        problem.Message.ShouldContain("bs.property with flow depreciation already has a line (line 2)");
    }

    [Theory]
    [InlineData("*  operating  cf.foreign_exchange_loss")]
    [InlineData("*  noncash")]
    [InlineData("bs.property  sideways  cf.purchase_of_property")]
    [InlineData("bs.property  1  cf.purchase_of_property")]
    [InlineData("bs.property  operating")]
    [InlineData("bs.property  depreciation  operating  cf.depreciation  extra")]
    [InlineData("cash-effect  cf.a  cf.b")]
    public void A_row_of_no_known_shape_is_a_bad_line(string row)
    {
        var problem = ParseProblem("cash bs.cash\n\n# rows\n" + row + "\n");
        problem.Code.ShouldBe("cashflow.bad-line");
        problem.Location.ShouldBe(new SourceLocation("cashflow.txt", 4));
    }

    [Fact]
    public void A_definition_without_cash_is_reported()
    {
        var problem = ParseProblem("cash-effect cf.effect\nbs.property investing cf.purchase_of_property\n");
        problem.Code.ShouldBe("cashflow.no-cash");
        problem.Location.ShouldBe(new SourceLocation("cashflow.txt", 0));
    }
}
