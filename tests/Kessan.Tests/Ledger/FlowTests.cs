using Kessan.Diagnostics;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>
/// Flows (movement types) of postings: with <see cref="TrialBalanceOptions.Flows"/>, a <c>flow:</c> tag in a posting's
/// comment (ledger-cli metadata or hledger tag) or a CSV flow column splits an account's balance by flow; without it,
/// tags are ignored and balances are per account, as in ledger-cli.
/// </summary>
public class FlowTests
{
    private static readonly TrialBalanceOptions WithFlows = new() { Flows = true };

    private const string Journal = """
        2003-03-31 Opening balances
            Assets:Cash                 JPY 10,000,000
            Assets:Property              JPY 5,000,000
            Equity:Capital             JPY -15,000,000

        2003-04-15 Routers bought for cash
            Assets:Property              JPY 2,000,000
            Assets:Cash

        2003-05-01 Servers under a capital lease
            Assets:Property              JPY 1,200,000  ; flow: capital-lease
            Liabilities:Lease Obligations  JPY -1,200,000  ; flow:capital-lease, vendor:NEC

        2003-06-30 Depreciation  ; posted by the fixed-asset system
            ; quarterly run
            Expenses:Depreciation          JPY 400,000  ; type: straight-line
            Assets:Property               JPY -400,000  ; flow: depreciation

        2003-06-30 Dollar deposit revalued
            Expenses:Foreign Exchange       JPY 30,000
            Assets:Cash                                 ; flow: fx
        """;

    private static IEnumerable<string> Rows(TrialBalance tb) => tb.Lines.Select(l => $"{l.Account}|{l.Period}|{l.Flow}|{l.Amount}");

    /// <summary>The lines of a trial balance with flows, summed over the flows: what the trial balance without flows must be.</summary>
    private static List<TrialBalanceLine> WithoutFlows(TrialBalance tb) =>
        tb.Lines.GroupBy(l => (l.Entity, l.Account, l.Period, l.Currency))
            .Select(g => new TrialBalanceLine(g.Key.Entity, g.Key.Account, g.Key.Period, g.Sum(l => l.Amount), g.Key.Currency))
            .Where(l => l.Amount != 0m)
            .ToList();

    [Fact]
    public void A_flow_tag_on_a_posting_splits_the_account_s_balance_by_flow()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.journal", Journal);
        var result = TrialBalanceTests.Run(path, WithFlows);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        Rows(result.Value!).ShouldBe(
        [
            "Assets:Cash|4Q02||10000000",
            "Assets:Cash|1Q03||-2000000",
            "Assets:Cash|1Q03|fx|-30000",                     // the elided amount, with its flow
            "Assets:Property|4Q02||5000000",
            "Assets:Property|1Q03||2000000",
            "Assets:Property|1Q03|capital-lease|1200000",     // ledger-cli metadata
            "Assets:Property|1Q03|depreciation|-400000",
            "Equity:Capital|4Q02||-15000000",
            "Expenses:Depreciation|1Q03||400000",             // another tag is not a flow
            "Expenses:Foreign Exchange|1Q03||30000",
            "Liabilities:Lease Obligations|1Q03|capital-lease|-1200000", // hledger tags
        ]);
        result.Value!.Lines.ShouldAllBe(l => l.Entity == "iij" && l.Currency == "JPY");
    }

    [Fact]
    public void Without_flows_tags_are_ignored_and_each_account_has_one_line_with_the_same_totals()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.journal", Journal);
        var with = TrialBalanceTests.Run(path, WithFlows).Value!;
        var without = TrialBalanceTests.Run(path, new TrialBalanceOptions());
        without.Diagnostics.ShouldBeEmpty(string.Join("\n", without.Diagnostics));
        var tb = without.Value!;
        tb.Lines.ShouldAllBe(l => l.Flow == "");
        tb.Lines.Select(l => (l.Account, l.Period)).ShouldBeUnique();
        tb.Lines.Single(l => l.Account == "Assets:Property" && l.Period.Label == "1Q03").Amount.ShouldBe(2_800_000m); // 2,000,000 + 1,200,000 - 400,000
        tb.Lines.Single(l => l.Account == "Assets:Cash" && l.Period.Label == "1Q03").Amount.ShouldBe(-2_030_000m);
        tb.Lines.ShouldBe(WithoutFlows(with));
        (tb.Transactions, tb.Postings).ShouldBe((with.Transactions, with.Postings));
    }

    [Theory]
    [InlineData("; flow: depreciation", "depreciation")]
    [InlineData(";flow:depreciation", "depreciation")]
    [InlineData("; flow:depreciation, type:straight-line", "depreciation")]
    [InlineData("; type:straight-line,flow:depreciation", "depreciation")]
    [InlineData("; flow:  capital lease  ", "capital lease")]
    [InlineData("; overflow: depreciation", "")]
    [InlineData("; flowing: depreciation", "")]
    [InlineData("; cashflow:operating, flow: fx", "fx")]
    [InlineData("; Flow: fx", "")]
    [InlineData("; flow:", "")]
    [InlineData("; flow:  , type:x", "")]
    [InlineData("; a posting note", "")]
    [InlineData("; a posting note flow:fx", "fx")]
    [InlineData("; memo: cash flow: operating", "")]           // inside another tag's value, as hledger reads it
    [InlineData("; memo: see cash flow: x, flow: fx", "fx")]
    public void Reads_the_flow_tag_and_only_it_after_an_amount_or_in_place_of_one(string comment, string flow)
    {
        using var files = new TestFiles();
        foreach (var (name, text) in new[]
        {
            ("amount", $"2003-04-01 x\n    Assets:Cash    JPY 100  {comment}\n    Income:Sales\n"),
            ("elided", $"2003-04-01 x\n    Income:Sales   JPY -100\n    Assets:Cash    {comment}\n"),
        })
        {
            var result = TrialBalanceTests.Run(files.Write(name + ".journal", text), WithFlows);
            result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
            var cash = result.Value!.Lines.Where(l => l.Account == "Assets:Cash").ShouldHaveSingleItem(name);
            (cash.Flow, cash.Amount).ShouldBe((flow, 100m), name);
        }
    }

    /// <summary>Every posting line of a generated journal gets no flow, depreciation or fx in turn (elided amounts and commented postings too).</summary>
    private static List<string> WithFlowTags(string journal)
    {
        var lines = journal.Split('\n').ToList();
        var posting = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("    ", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith(';'))
            {
                continue;
            }

            var flow = (posting++ % 3) switch { 1 => "depreciation", 2 => "fx", _ => null };
            if (flow is not null)
            {
                lines[i] += lines[i].Contains(';', StringComparison.Ordinal) ? $", flow: {flow}" : $"  ; flow: {flow}";
            }
        }

        return lines;
    }

    [Fact]
    public void Parts_read_in_parallel_give_the_same_flows_and_problem_lines_as_one_piece()
    {
        using var files = new TestFiles();
        var (text, _) = JournalGenerator.Generate(3000, seed: 7, new DateOnly(2002, 4, 1), 456);
        var lines = WithFlowTags(text);
        var path = files.Write("big.journal", string.Join('\n', lines));
        var one = new TrialBalanceOptions { Flows = true, Parallelism = 1 };
        var parts = new TrialBalanceOptions { Flows = true, Parallelism = 2, ChunkBytes = 8 * 1024 };

        var a = TrialBalanceTests.Run(path, one);
        var b = TrialBalanceTests.Run(path, parts);
        a.Diagnostics.ShouldBeEmpty(string.Join("\n", a.Diagnostics));
        b.Diagnostics.ShouldBeEmpty(string.Join("\n", b.Diagnostics));
        b.Value!.Lines.ShouldBe(a.Value!.Lines);
        a.Value.Lines.Select(l => l.Flow).Distinct().Order(StringComparer.Ordinal).ShouldBe(["", "depreciation", "fx"]);
        b.Value.Transactions.ShouldBe(3000);
        TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 8 * 1024 }).Value!.Lines.ShouldBe(WithoutFlows(a.Value));

        // A misplaced flow tag near the end is reported by a later part at the same line as in one piece.
        var header = lines.FindLastIndex(l => l.StartsWith("2003", StringComparison.Ordinal));
        lines.Insert(header + 1, "    ; flow: depreciation");
        File.WriteAllText(path, string.Join('\n', lines));
        var whole = TrialBalanceTests.Run(path, one);
        whole.Diagnostics.ShouldHaveSingleItem().Location!.Value.Line.ShouldBe(header + 2);
        TrialBalanceTests.Run(path, parts).Diagnostics.Select(d => d.ToString()).ShouldBe(whole.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("2003-06-30 Depreciation\n    ; flow: depreciation\n    Expenses:Depreciation  JPY 400,000\n    Assets:Property\n", 6)]
    [InlineData("2003-06-30 Depreciation  ; flow:depreciation\n    Expenses:Depreciation  JPY 400,000\n    Assets:Property\n", 5)]
    public void A_flow_tag_that_is_not_on_a_posting_is_reported_at_its_line(string transaction, int line)
    {
        using var files = new TestFiles();
        var path = files.Write("misplaced.journal", "2003-06-01 Fine\n    Expenses:Depreciation  JPY 1\n    Assets:Property  ; flow: depreciation\n\n" + transaction);
        var result = TrialBalanceTests.Run(path, WithFlows);
        result.Value.ShouldBeNull();
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("ledger.flow-not-on-posting");
        problem.Severity.ShouldBe(Severity.Error);
        problem.Location.ShouldBe(new SourceLocation(path, line));
        problem.Message.ShouldContain("flow:");

        // Without flows the tag is a comment like any other.
        TrialBalanceTests.Run(path, new TrialBalanceOptions()).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void An_account_declared_in_the_chart_of_accounts_may_carry_flows()
    {
        using var files = new TestFiles();
        const string declared = """
            account Assets:Property
            account Expenses:Depreciation

            2003-06-30 Depreciation
                Expenses:Depreciation     JPY 400,000
                Assets:Property          JPY -400,000  ; flow: depreciation
            """;
        var ok = TrialBalanceTests.Run(files.Write("ok.journal", declared), WithFlows);
        ok.Diagnostics.ShouldBeEmpty(string.Join("\n", ok.Diagnostics));
        ok.Value!.Lines.Single(l => l.Account == "Assets:Property").Flow.ShouldBe("depreciation");

        // A misspelt account is one unknown account, however many flows it is used with.
        var path = files.Write("typo.journal", declared + """


            2003-06-30 Typo
                Expenses:Depreciaton      JPY 100  ; flow: depreciation
                Assets:Property

            2003-06-30 Typo again
                Expenses:Depreciaton      JPY 100
                Assets:Property
            """);
        var problem = TrialBalanceTests.Run(path, WithFlows).Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("ledger.unknown-account");
        problem.Location!.Value.Line.ShouldBe(9);
        problem.Message.ShouldContain("\"Expenses:Depreciaton\" is not");
        problem.Message.ShouldContain("2 times");
    }

    private const string Csv = """
        date,transaction,account,amount,flow,memo
        2003-04-15,T1,Assets:Property,"2,000,000",,Routers
        2003-04-15,T1,Assets:Cash,"-2,000,000",,
        2003-06-30,T2,Expenses:Depreciation,"400,000", ,
        2003-06-30,T2,Assets:Property,"-400,000",depreciation,
        2003-06-30,T3,Expenses:Foreign Exchange,30000," ",
        2003-06-30,T3,Assets:Cash,-30000," fx ",Dollar deposit revalued
        2003-06-30,T4,Expenses:Foreign Exchange,20000,,
        2003-06-30,T4,Assets:Cash,-20000,,
        """;

    [Fact]
    public void A_csv_flow_column_splits_balances_like_a_journal_tag()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.csv", Csv);
        var result = TrialBalanceTests.Run(path, WithFlows);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        Rows(result.Value!).ShouldBe(
        [
            "Assets:Cash|1Q03||-2020000",
            "Assets:Cash|1Q03|fx|-30000",
            "Assets:Property|1Q03||2000000",
            "Assets:Property|1Q03|depreciation|-400000",
            "Expenses:Depreciation|1Q03||400000",
            "Expenses:Foreign Exchange|1Q03||50000",  // a blank flow cell, even quoted, is no flow
        ]);

        var without = TrialBalanceTests.Run(path, new TrialBalanceOptions()).Value!;
        Rows(without).ShouldBe(
        [
            "Assets:Cash|1Q03||-2050000",
            "Assets:Property|1Q03||1600000",
            "Expenses:Depreciation|1Q03||400000",
            "Expenses:Foreign Exchange|1Q03||50000",
        ]);
        without.Lines.ShouldBe(WithoutFlows(result.Value!));
    }

    [Fact]
    public void The_csv_flow_column_can_be_renamed()
    {
        using var files = new TestFiles();
        var path = files.Write("netcare.csv", """
            Posting Date,Voucher,GL Account,Dr,Cr,Movement
            2003/06/30,V-1,6100 Depreciation,"400,000",,
            2003/06/30,V-1,1500 Equipment,,"400,000",depreciation
            """);
        var columns = CsvColumns.Default.With("date", "Posting Date")!.With("transaction", "Voucher")!.With("account", "GL Account")!
            .With("debit", "Dr")!.With("credit", "Cr")!.With("flow", "Movement")!;
        var result = TrialBalanceTests.Run(path, new TrialBalanceOptions { Columns = columns, Flows = true });
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.Value!.Lines.Select(l => $"{l.Account}|{l.Flow}|{l.Amount}").ShouldBe(["1500 Equipment|depreciation|-400000", "6100 Depreciation||400000"]);

        // The default names are no longer looked for once the column is renamed.
        var flowColumn = files.Write("other.csv", "date,transaction,account,amount,flow\n2003-06-30,T1,Cash,1,fx\n2003-06-30,T1,Sales,-1,\n");
        TrialBalanceTests.Run(flowColumn, new TrialBalanceOptions { Columns = CsvColumns.Default.With("flow", "Movement")!, Flows = true })
            .Value!.Lines.ShouldAllBe(l => l.Flow == "");
    }
}
