using Kessan.Consolidation;
using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Tests.Ledger.Consolidation;

/// <summary>
/// A small group worked by hand: IIJ (parent), IIJ Technology (subsidiary, 64.1%), Crosswave (affiliate, 37.9%).
/// </summary>
public class ConsolidatorTests
{
    private const string Iij = """
        2003-03-31 Opening balances
            Assets:Cash                      JPY 10,000,000
            Investments:IIJ Technology        JPY 3,846,000
            Investments:Crosswave             JPY 1,000,000
            Equity:Capital                  JPY -14,846,000

        2003-04-10 Dedicated access
            Assets:Receivable                 JPY 5,000,000
            Income:Connectivity

        2003-05-01 Network services to IIJ Technology
            Assets:Receivable:IIJ Technology  JPY 1,000,000
            Income:Connectivity:IIJ Technology

        2003-06-30 Backbone costs
            Expenses:Backbone                 JPY 4,000,000
            Assets:Cash
        """;

    private const string Tech = """
        2003-03-31 Opening balances
            Assets:Cash                       JPY 6,000,000
            Equity:Capital                   JPY -6,000,000

        2003-05-01 Network services from IIJ
            Expenses:Cost of SI:IIJ           JPY 1,000,000
            Liabilities:Payable:IIJ

        2003-06-01 Systems integration
            Assets:Receivable                 JPY 3,000,000
            Income:Systems Integration

        2003-06-15 Subcontractors
            Expenses:Cost of SI               JPY 2,500,000
            Assets:Cash
        """;

    internal const string Crosswave = """
        2003-04-30 Revenue
            Assets:Cash                       JPY 2,000,000
            Income:Services

        2003-05-31 Costs
            Expenses:Costs                    JPY 3,000,000
            Assets:Cash
        """;

    internal const string Group = """
        # the group: who is consolidated how
        parent       iij
        subsidiary   tech        64.1%
        affiliate    crosswave   37.9%
        concept minority-interest-income    minority_interests
        concept minority-interest-balance   bs.minority_interests
        concept equity-method-income        equity_method
        concept equity-method-investment    bs.investments_affiliates
        """;

    private const string IijMap = """
        Assets:Cash                          bs.cash
        Assets:Receivable                    bs.receivables
        Assets:Receivable:IIJ Technology     bs.receivables     tech
        Investments:IIJ Technology           bs.investments_affiliates    investment-in tech
        Investments:Crosswave                bs.investments_affiliates
        Equity:*                             bs.capital
        Income:Connectivity*                 revenue
        Income:Connectivity:IIJ Technology   revenue            tech
        Expenses:*                           cost
        """;

    private const string TechMap = """
        Assets:Cash                          bs.cash
        Assets:Receivable                    bs.receivables
        Liabilities:Payable:IIJ              bs.payables        iij
        Equity:Capital                       bs.capital         owned-by iij
        Income:*                             revenue
        Expenses:*                           cost
        Expenses:Cost of SI:IIJ              cost               iij
        """;

    internal const string CrosswaveMap = """
        Assets:Cash	bs.cash
        Income:*	revenue
        Expenses:*	cost
        """;

    internal static readonly Dictionary<string, Concept> Concepts = new Concept[]
    {
        new("revenue", "Revenues", PeriodType.Duration, Balance.Credit, "JPY"),
        new("cost", "Costs", PeriodType.Duration, Balance.Debit, "JPY"),
        new("minority_interests", "Minority interests in net loss of subsidiaries", PeriodType.Duration, Balance.Credit, "JPY"),
        new("equity_method", "Equity in net loss of equity method investees", PeriodType.Duration, Balance.Credit, "JPY"),
        new("bs.cash", "Cash", PeriodType.Instant, Balance.Debit, "JPY"),
        new("bs.receivables", "Receivables", PeriodType.Instant, Balance.Debit, "JPY"),
        new("bs.payables", "Payables", PeriodType.Instant, Balance.Credit, "JPY"),
        new("bs.investments_affiliates", "Investments in affiliates", PeriodType.Instant, Balance.Debit, "JPY"),
        new("bs.capital", "Capital", PeriodType.Instant, Balance.Credit, "JPY"),
        new("bs.minority_interests", "Minority interests", PeriodType.Instant, Balance.Credit, "JPY"),
        new("bs.retained", "Retained earnings", PeriodType.Instant, Balance.Credit, "JPY"),
    }.ToDictionary(c => c.Id);

    private static Kessan.Diagnostics.Result<ConsolidatedBalances> Consolidate(TestFiles files, string iij = Iij, string tech = Tech, string techMap = TechMap, string group = Group) =>
        ConsolidateGroup(files, group, Concepts, ("iij", iij, IijMap), ("tech", tech, techMap), ("crosswave", Crosswave, CrosswaveMap));

    /// <summary>Consolidates the journals of a group's entities, each with its account mapping; the journals (read with flows) must be clean.</summary>
    /// <remarks>An entity without a map (null) has no account mapping.</remarks>
    internal static Kessan.Diagnostics.Result<ConsolidatedBalances> ConsolidateGroup(
        TestFiles files, string group, IReadOnlyDictionary<string, Concept> concepts, params (string Entity, string Journal, string? Map)[] entities)
    {
        var inputs = entities.Select(e => LedgerInput.For(files.Write(e.Entity + ".journal", e.Journal))).ToList();
        var tb = TrialBalanceBuilder.Build(inputs, new TrialBalanceOptions { Flows = true }, cancel: TestContext.Current.CancellationToken);
        tb.Diagnostics.ShouldBeEmpty(string.Join("\n", tb.Diagnostics));
        var structure = GroupStructure.Parse(group, "group.txt");
        structure.Diagnostics.ShouldBeEmpty();
        var mappings = entities.Where(e => e.Map is not null).ToDictionary(e => e.Entity, e => AccountMapping.Parse(e.Entity, e.Map!, e.Entity + ".map").Value!);
        return Consolidator.Consolidate(tb.Value!, structure.Value!, mappings, concepts);
    }

    [Fact]
    public void Consolidates_with_minority_interest_equity_method_and_eliminations()
    {
        using var files = new TestFiles();
        var result = Consolidate(files);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        var q1 = FiscalCalendar.MarchYearEnd.Quarter(2003, 1);
        var q4 = FiscalCalendar.MarchYearEnd.Quarter(2002, 4);
        var facts = FactSet.Of(result.Value!.ToFacts(Concepts));
        decimal At(string concept, Period period) => facts.Find(concept, period)?.Value ?? 0m;

        At("revenue", q1.Period).ShouldBe(8_000_000m);          // 5,000,000 + 3,000,000; 1,000,000 to IIJ Technology eliminated
        At("cost", q1.Period).ShouldBe(6_500_000m);             // 4,000,000 + 2,500,000; 1,000,000 from IIJ eliminated
        At("minority_interests", q1.Period).ShouldBe(179_500m); // 35.9% of IIJ Technology's 500,000 loss
        At("equity_method", q1.Period).ShouldBe(-379_000m);     // 37.9% of Crosswave's 1,000,000 loss
        At("bs.cash", q4.EndInstant).ShouldBe(16_000_000m);
        At("bs.cash", q1.EndInstant).ShouldBe(9_500_000m);
        At("bs.receivables", q1.EndInstant).ShouldBe(8_000_000m);
        At("bs.payables", q1.EndInstant).ShouldBe(0m);
        At("bs.investments_affiliates", q1.EndInstant).ShouldBe(621_000m);
        At("bs.capital", q1.EndInstant).ShouldBe(14_846_000m);  // IIJ Technology's capital eliminated against the investment
        At("bs.minority_interests", q4.EndInstant).ShouldBe(2_154_000m);
        At("bs.minority_interests", q1.EndInstant).ShouldBe(1_974_500m);

        // The balance sheet balances with the period's net income.
        var netIncome = At("revenue", q1.Period) - At("cost", q1.Period) + At("minority_interests", q1.Period) + At("equity_method", q1.Period);
        var assets = At("bs.cash", q1.EndInstant) + At("bs.receivables", q1.EndInstant) + At("bs.investments_affiliates", q1.EndInstant);
        assets.ShouldBe(At("bs.capital", q1.EndInstant) + At("bs.minority_interests", q1.EndInstant) + netIncome);
    }

    [Fact]
    public void With_a_retained_earnings_concept_each_period_s_net_income_is_closed_into_it()
    {
        using var files = new TestFiles();
        var result = Consolidate(files, group: Group + "\nconcept retained-earnings bs.retained\n");
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        var q1 = FiscalCalendar.MarchYearEnd.Quarter(2003, 1);
        var q4 = FiscalCalendar.MarchYearEnd.Quarter(2002, 4);
        var facts = FactSet.Of(result.Value!.ToFacts(Concepts));
        decimal At(string concept, Period period) => facts.Find(concept, period)?.Value ?? 0m;

        At("bs.retained", q4.EndInstant).ShouldBe(0m);
        At("bs.retained", q1.EndInstant).ShouldBe(1_300_500m); // 8,000,000 - 6,500,000 + 179,500 - 379,000
        var assets = At("bs.cash", q1.EndInstant) + At("bs.receivables", q1.EndInstant) + At("bs.investments_affiliates", q1.EndInstant);
        assets.ShouldBe(At("bs.capital", q1.EndInstant) + At("bs.minority_interests", q1.EndInstant) + At("bs.retained", q1.EndInstant));
    }

    [Fact]
    public void Intercompany_balances_that_do_not_cancel_are_reported_with_the_difference()
    {
        using var files = new TestFiles();
        var result = Consolidate(files, tech: Tech.Replace("JPY 1,000,000", "JPY 900,000", StringComparison.Ordinal));
        result.Diagnostics.Count.ShouldBe(2);
        result.Diagnostics.ShouldAllBe(d => d.Code == "consolidation.intercompany-mismatch" && d.Message.Contains("differ by JPY 100,000"));
        result.Diagnostics[0].Message.ShouldContain("In 1Q03, iij's revenue and costs with tech");
        result.Diagnostics[1].Message.ShouldContain("In 1Q03, iij's receivables and payables with tech");
    }

    [Fact]
    public void An_investment_that_is_not_the_parent_s_share_of_equity_is_reported()
    {
        using var files = new TestFiles();
        var result = Consolidate(files, iij: Iij.Replace("JPY 3,846,000", "JPY 3,900,000", StringComparison.Ordinal).Replace("-14,846,000", "-14,900,000", StringComparison.Ordinal));
        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("consolidation.investment-mismatch");
    }

    [Fact]
    public void Unmapped_accounts_are_reported_once_each()
    {
        using var files = new TestFiles();
        var result = Consolidate(files, techMap: TechMap.Replace("Assets:Receivable                    bs.receivables\n", "", StringComparison.Ordinal));
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("consolidation.unmapped-account");
        problem.Location.ShouldBe(new SourceLocation("tech.map", 0));
        problem.Message.ShouldContain("tech's account \"Assets:Receivable\"");
    }

    /// <summary>The group file without its subsidiary and affiliate: the parent alone.</summary>
    private static readonly string ParentOnly = Group.Replace("subsidiary   tech        64.1%\n", "", StringComparison.Ordinal).Replace("affiliate    crosswave   37.9%\n", "", StringComparison.Ordinal);

    /// <summary>A ledger with cash and capital in two quarters, 4Q02 and 1Q03.</summary>
    private const string CashAndCapital = """
        2003-03-31 Opening balances
            Assets:Cash        JPY 1,000
            Equity:Capital

        2003-04-01 Capital paid in
            Assets:Cash          JPY 500
            Equity:Capital
        """;

    private const string CashAndCapitalMap = "Assets:Cash  bs.cash\nEquity:*  bs.capital\n";

    /// <summary>The one problem consolidating gives: the parent's ledger and mapping as given, in the group of the parent alone unless another is given.</summary>
    private static Diagnostic ParentProblem(string journal = CashAndCapital, string map = CashAndCapitalMap, string? group = null, params (string Entity, string Journal, string? Map)[] others)
    {
        using var files = new TestFiles();
        var result = ConsolidateGroup(files, group ?? ParentOnly, Concepts, [("iij", journal, map), .. others]);
        result.Value.ShouldBeNull();
        return result.Diagnostics.ShouldHaveSingleItem();
    }

    [Fact]
    public void An_entity_the_group_file_does_not_list_is_reported()
    {
        var problem = ParentProblem(others: ("stranger", CashAndCapital, CashAndCapitalMap));
        problem.ShouldBeProblem("consolidation.unknown-entity", new SourceLocation("group.txt", 0), "The ledgers hold an entity \"stranger\" that the group file does not list");
    }

    [Fact]
    public void An_entity_without_an_account_mapping_is_reported()
    {
        var problem = ParentProblem(Iij, IijMap, Group, ("tech", Tech, TechMap), ("crosswave", Crosswave, null));
        var line = Group.Split('\n').ToList().FindIndex(l => l.Contains("crosswave", StringComparison.Ordinal)) + 1;
        problem.ShouldBeProblem("consolidation.no-mapping", new SourceLocation("group.txt", line), "no account mapping for the entity \"crosswave\": the ledger folder needs crosswave.map");
    }

    [Fact]
    public void An_entity_named_twice_in_the_group_file_is_reported_at_its_second_line()
    {
        var twice = Group.TrimEnd() + "\nsubsidiary   tech        10%";
        var result = GroupStructure.Parse(twice, "group.txt");
        result.Value.ShouldBeNull();
        var first = Group.Split('\n').ToList().FindIndex(l => l.Contains("tech", StringComparison.Ordinal)) + 1;
        result.Diagnostics.ShouldHaveSingleItem().ShouldBeProblem("group.duplicate-entity", new SourceLocation("group.txt", twice.Split('\n').Length), $"The entity \"tech\" is already in the group (line {first})");
    }

    [Fact]
    public void An_amount_in_another_currency_is_reported()
    {
        var problem = ParentProblem("2003-04-01 Dollar deposit\n    Assets:Cash  USD 100 @ JPY 120\n    Equity:Capital  JPY -12,000\n");
        problem.ShouldBeProblem("consolidation.currency", null, "iij's account \"Assets:Cash\" has a balance in USD in 1Q03; consolidation needs every amount in JPY");
    }

    [Fact]
    public void A_mapping_to_a_concept_the_model_lacks_is_reported_at_its_line()
    {
        var problem = ParentProblem(map: "Equity:*  bs.capital\nAssets:Cash  bs.csh\n");
        problem.ShouldBeProblem("consolidation.unknown-concept", new SourceLocation("iij.map", 2), "The concept \"bs.csh\" is not in the release model");
    }

    [Theory]
    [InlineData("Assets:Cash  bs.cash\nEquity:*  bs.capital  investment-in crosswave\n", "lists crosswave as an affiliate (equity method)")]
    [InlineData("Assets:Cash  bs.cash\nEquity:*  bs.capital  owned-by tech\n", "lists iij as the parent")]
    public void An_investment_or_equity_mark_on_an_entity_that_is_not_a_subsidiary_is_reported_at_its_line(string map, string message)
    {
        var problem = ParentProblem(map: map, group: Group);
        problem.ShouldBeProblem("consolidation.not-a-subsidiary", new SourceLocation("iij.map", 2), message);
    }

    [Theory]
    [InlineData("Assets:Cash  bs.cash  nobody\nEquity:*  bs.capital\n", 1)]
    [InlineData("Assets:Cash  bs.cash\nEquity:*  bs.capital  investment-in nobody\n", 2)]
    public void A_counterparty_that_is_not_in_the_group_is_reported_once_at_its_line(string map, int line)
    {
        var problem = ParentProblem(map: map);
        problem.ShouldBeProblem("consolidation.unknown-counterparty", new SourceLocation("iij.map", line), "The counterparty \"nobody\" is not an entity of the group");
    }

    [Fact]
    public void Amounts_that_do_not_balance_after_consolidation_are_reported()
    {
        // An unbalanced virtual posting is totalled but need not balance: the trial balance itself is out by 50.
        var problem = ParentProblem(CashAndCapital + "\n2003-04-02 Budget\n    (Budget:Cash)  JPY 50\n", CashAndCapitalMap + "Budget:*  bs.cash\n");
        problem.ShouldBeProblem("consolidation.out-of-balance", null, "The consolidated amounts of 1Q03 do not balance (debits exceed credits by JPY 50)");
    }

    [Fact]
    public void A_group_file_without_a_concept_it_needs_is_reported()
    {
        var problem = GroupStructure.Parse(Group.Replace("concept equity-method-investment    bs.investments_affiliates", "", StringComparison.Ordinal), "group.txt").Diagnostics.ShouldHaveSingleItem();
        problem.ShouldBeProblem("group.concept", new SourceLocation("group.txt", 0), "which concept takes the equity method investment ('concept equity-method-investment CONCEPT')");
    }

    [Fact]
    public void A_mapping_line_with_one_space_between_account_and_concept_is_a_bad_line()
    {
        var problem = AccountMapping.Parse("x", "Assets:Cash  bs.cash\nAssets:Bank bs.cash\n", "x.map").Diagnostics.ShouldHaveSingleItem();
        problem.ShouldBeProblem("mapping.bad-line", new SourceLocation("x.map", 2), "separated by two spaces or a tab");
    }

    [Theory]
    [InlineData("parent iij\nsubsidiary tech 164%\n", "group.bad-ownership")]
    [InlineData("subsidiary tech 64.1%\n", "group.parent")]
    [InlineData("parent iij\nowner tech\n", "group.bad-line")]
    public void A_bad_group_file_is_reported(string text, string code) =>
        GroupStructure.Parse(text, "group.txt").Diagnostics.Select(d => d.Code).ShouldContain(code);

    [Fact]
    public void Mapping_prefers_exact_accounts_then_longer_prefixes()
    {
        var map = AccountMapping.Parse("iij", IijMap, "iij.map").Value!;
        map.Find("Income:Connectivity:IIJ Technology")!.Counterparty.ShouldBe("tech");
        map.Find("Income:Connectivity")!.Concept.ShouldBe("revenue");
        map.Find("Income:Connectivity:Dial-up")!.Counterparty.ShouldBeNull();
        map.Find("Investments:IIJ Technology")!.Kind.ShouldBe(IntercompanyKind.Investment);
        map.Find("Liabilities:Other").ShouldBeNull();
        AccountMapping.Parse("x", "A  b\nA  c\n", "x.map").Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("mapping.duplicate");
    }

    private const string CashFlowDefinitionText = """
        cash   bs.cash
        bs.receivables              operating   cf.change_in_receivables
        bs.investments_affiliates   operating   cf.equity_in_net_loss
        bs.minority_interests       operating   cf.minority_interests
        bs.capital                  financing   cf.issuance_of_stock
        """;

    [Fact]
    public void The_indirect_cash_flow_statement_rolls_cash_forward()
    {
        using var files = new TestFiles();
        var balances = Consolidate(files).Value!;
        var definition = CashFlowDefinition.Parse(CashFlowDefinitionText, "cashflow.txt").Value!;
        var result = CashFlowBuilder.Build(balances, definition, Concepts);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        var q1 = result.Value!.ShouldHaveSingleItem();
        q1.Period.Label.ShouldBe("1Q03");
        q1.NetIncome.ShouldBe(1_300_500m); // 8,000,000 - 6,500,000 + 179,500 - 379,000
        q1.Lines.ShouldBe(
        [
            (CashFlowSection.Operating, "cf.change_in_receivables", -8_000_000m),
            (CashFlowSection.Operating, "cf.equity_in_net_loss", 379_000m),
            (CashFlowSection.Operating, "cf.minority_interests", -179_500m),
        ]);
        q1.Total(CashFlowSection.Operating).ShouldBe(-6_500_000m);
        q1.Total(CashFlowSection.Financing).ShouldBe(0m);
        q1.CashAtBeginning.ShouldBe(16_000_000m);
        q1.CashAtEnd.ShouldBe(9_500_000m);
        (q1.CashAtBeginning + q1.NetChange).ShouldBe(q1.CashAtEnd);
    }

    [Fact]
    public void A_balance_sheet_change_without_a_cash_flow_line_is_reported()
    {
        using var files = new TestFiles();
        var balances = Consolidate(files).Value!;
        var definition = CashFlowDefinition.Parse(CashFlowDefinitionText.Replace("bs.receivables              operating   cf.change_in_receivables\n", "", StringComparison.Ordinal), "cashflow.txt").Value!;
        var problem = CashFlowBuilder.Build(balances, definition, Concepts).Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("cashflow.unclassified");
        problem.Message.ShouldContain("bs.receivables changed by 8,000,000");
    }
}
