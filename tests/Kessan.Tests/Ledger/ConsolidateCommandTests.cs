using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Cli;
using Kessan.Diagnostics;
using Kessan.Model;
using Kessan.Synth;
using Kessan.Tests.Build;
using Kessan.Tests.Synth;

namespace Kessan.Tests.Ledger;

public partial class ConsolidateCommandTests
{
    private static readonly string[] Quarters = ["4Q01", "1Q02", "2Q02", "3Q02", "4Q02", "1Q03"];

    [Fact]
    public void Csv_gives_every_ledger_held_fact_of_the_example_exactly()
    {
        using var files = new TestFiles();
        var dir = SynthLedgerTests.Synthesize(files, seed: 2003);
        var outFile = Path.Combine(files.Root, "out", "group.csv");
        var (code, stdout, stderr) = Cli.Run("consolidate", dir, "--model", Repo.Example, "--format", "csv", "--out", outFile);
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldStartWith($"wrote {outFile}: ");
        var csv = File.ReadAllText(outFile);

        var lines = csv.Split('\n');
        lines[0].ShouldBe("concept,period,amount");
        lines[^1].ShouldBeEmpty();
        var rows = lines[1..^1].Select(l => l.Split(',')).ToList();
        rows.ShouldAllBe(r => r.Length == 3);
        var amounts = rows.ToDictionary(r => (r[0], r[1]), r => decimal.Parse(r[2], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        rows.Select(r => (r[0], r[1])).ShouldBe(rows.Select(r => (r[0], r[1])).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal), "sorted by concept, then period");

        var (definition, facts, loaded) = ReleasePipeline.Load(Repo.Example);
        loaded.ShouldNotContain(d => d.Severity == Severity.Error);
        var held = facts.All.Where(f => LedgerSynthesizer.IsLedgerConcept(f, definition!.Concepts[f.Concept])).ToList();
        held.Count.ShouldBe((16 * 3) + (28 * 3) + 2 + (22 * 3)); // as in SynthLedgerTests: cash-flow lines included
        foreach (var fact in held)
        {
            var end = fact.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var key = (fact.Concept, fact.Period.Start is { } start ? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + end : end);
            amounts.ShouldContainKey(key, $"{fact.Concept} {fact.Period}");
            amounts[key].ShouldBe(fact.Value, $"{fact.Concept} {fact.Period}");
        }

        Cli.Run("consolidate", dir, "--model", Repo.Example, "--format", "csv").Out.ShouldBe(csv, "the same CSV on the screen as in the file");
    }

    [Fact]
    public void Text_shows_the_statements_with_the_model_labels_and_totals_that_agree()
    {
        using var files = new TestFiles();
        var dir = SynthLedgerTests.Synthesize(files, seed: 7);
        File.Exists(Path.Combine(dir, LedgerRelease.CashFlowFile)).ShouldBeTrue();
        var (code, text, stderr) = Cli.Run("consolidate", dir, "--model", Repo.Example);
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        text.ShouldStartWith("Internet Initiative Japan Inc.: consolidated statements from the ledgers\n");
        var derived = ExampleRelease.Output.Facts;
        var calendar = FiscalCalendar.MarchYearEnd;
        decimal Fact(string concept, Period period) => derived.Find(concept, period)!.Value;
        var q103 = calendar.Quarter(2003, 1);

        var operations = Block(text, "Statement of operations");
        operations.Headers.ShouldBe(Quarters);
        operations.Row("Dedicated access services")[^1].ShouldBe(Fact("revenue.dedicated_access", q103.Period));
        operations.Row("Cost of equipment sales")[^1].ShouldBe(Fact("cost.equipment", q103.Period));
        operations.Row("Equity in net income (loss) of equity method investees")[^1].ShouldBe(Fact("equity_method_income", q103.Period));
        var netIncome = operations.Row("Net income (loss)");
        netIncome[^1].ShouldBe(Fact("net_income", q103.Period));
        netIncome[1].ShouldBe(Fact("net_income", calendar.Quarter(2002, 1).Period));

        var balanceSheets = Block(text, "Balance sheets");
        balanceSheets.Headers.ShouldBe(["2002-03-31", "2002-06-30", "2002-09-30", "2002-12-31", "2003-03-31", "2003-06-30"]);
        var assets = balanceSheets.Row("Total of debit lines (assets)");
        assets[^1].ShouldBe(Fact("bs.total_assets", q103.EndInstant));
        balanceSheets.Row("Total of credit lines (liabilities and equity)").ShouldBe(assets);
        balanceSheets.Row("Minority interest")[^1].ShouldBe(Fact("bs.minority_interest", q103.EndInstant));

        var cashFlows = Block(text, "Statement of cash flows");
        cashFlows.Headers.ShouldBe(Quarters[1..]);
        cashFlows.Row("Net income (loss)").ShouldBe(netIncome.Skip(1));
        cashFlows.Row("Cash at end of period")[^1].ShouldBe(Fact("bs.cash", q103.EndInstant));
        cashFlows.Row("Cash at beginning of period")[0].ShouldBe(Fact("bs.cash", Period.Instant(new DateOnly(2002, 3, 31))));
        cashFlows.Row("Equity in net income (loss) of equity method investees")[^1].ShouldBe(-Fact("equity_method_income", q103.Period));
        cashFlows.Row("Decrease (increase) in accounts receivable").Count.ShouldBe(5);
        var lines = cashFlows.Lines.Select(l => l.Trim()).ToList();
        lines.FindIndex(l => l.StartsWith("Depreciation and amortization  ", StringComparison.Ordinal))
            .ShouldBeLessThan(lines.FindIndex(l => l.StartsWith("Decrease (increase) in accounts receivable  ", StringComparison.Ordinal)), "lines in the order of the model's concepts");

        // The quarters the release shows: its statements of cash flows, totals included, come out of the ledgers.
        foreach (var (column, quarter) in new[] { (0, calendar.Quarter(2002, 1)), (3, calendar.Quarter(2002, 4)), (4, q103) })
        {
            cashFlows.Row("Depreciation and amortization")[column].ShouldBe(Fact("depreciation_and_amortization", quarter.Period), quarter.Label);
            cashFlows.Row("Decrease (increase) in accounts receivable")[column].ShouldBe(Fact("cf.change_in_accounts_receivable", quarter.Period), quarter.Label);
            cashFlows.Row("Net cash provided by (used in) operating activities")[column].ShouldBe(Fact("cf.operating", quarter.Period), quarter.Label);
            cashFlows.Row("Net cash provided by (used in) investing activities")[column].ShouldBe(Fact("cf.investing", quarter.Period), quarter.Label);
            cashFlows.Row("Net cash provided by (used in) financing activities")[column].ShouldBe(Fact("cf.financing", quarter.Period), quarter.Label);
            cashFlows.Row("Effect of exchange rate changes on cash")[column].ShouldBe(Fact("cf.exchange_rate_effect", quarter.Period), quarter.Label);
            cashFlows.Row("Net increase (decrease) in cash")[column].ShouldBe(Fact("cf.net_change_in_cash", quarter.Period), quarter.Label);
        }

        for (var q = 0; q < 5; q++)
        {
            var sections = cashFlows.Row("Net cash provided by (used in) operating activities")[q]
                + cashFlows.Row("Net cash provided by (used in) investing activities")[q]
                + cashFlows.Row("Net cash provided by (used in) financing activities")[q]
                + cashFlows.Row("Effect of exchange rate changes on cash")[q];
            cashFlows.Row("Net increase (decrease) in cash")[q].ShouldBe(sections, Quarters[q + 1]);
            (cashFlows.Row("Cash at beginning of period")[q] + sections).ShouldBe(cashFlows.Row("Cash at end of period")[q], Quarters[q + 1]);
        }
    }

    [Fact]
    public void An_entity_without_its_mapping_is_one_problem_not_one_per_intercompany_and_investment_check()
    {
        using var files = new TestFiles();
        var dir = SynthLedgerTests.Synthesize(files, seed: 7);
        File.Delete(Path.Combine(dir, "net-care.map"));

        var (code, _, stderr) = Cli.Run("consolidate", dir, "--model", Repo.Example);
        code.ShouldBe(ExitCodes.BadInput);
        var problems = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        problems.Length.ShouldBe(2, stderr); // the problem, and the closing count
        problems[0].ShouldContain("error consolidation.no-mapping");
        problems[0].ShouldContain("intercompany or investment checks with net-care's amounts could not be made");
        problems[1].ShouldBe("kessan consolidate: 1 problem in the input; nothing was written.");
    }

    [Fact]
    public void A_mapping_to_unknown_concepts_is_reported_without_the_mismatches_it_causes()
    {
        using var files = new TestFiles();
        var dir = SynthLedgerTests.Synthesize(files, seed: 7);
        var map = Path.Combine(dir, "iij.map");
        File.WriteAllText(map, File.ReadAllText(map).Replace(" revenue.", " revenux.", StringComparison.Ordinal));

        var (code, _, stderr) = Cli.Run("consolidate", dir, "--model", Repo.Example);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain("error consolidation.unknown-concept");
        stderr.ShouldNotContain("consolidation.intercompany-mismatch");
        stderr.ShouldNotContain("consolidation.investment-mismatch");
    }

    [Fact]
    public void Every_problem_of_the_folder_is_listed_with_its_line_and_nothing_is_written()
    {
        using var files = new TestFiles();
        var dir = SynthLedgerTests.Synthesize(files, seed: 5);
        File.Delete(Path.Combine(dir, LedgerRelease.GroupFile));
        var journal = Path.Combine(dir, "net-care.journal");
        var lines = File.ReadAllLines(journal).Length;
        File.AppendAllText(journal, "2003-05-01 * (BAD-1) Unbalanced\n    Assets:Cash  JPY 1000\n    Equity:Capital Stock  JPY -999\n");
        var outDir = Path.Combine(files.Root, "out");
        var outFile = Path.Combine(outDir, "group.txt");

        var (code, stdout, stderr) = Cli.Run("consolidate", dir, "--model", Repo.Example, "--out", outFile);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain($"{Path.Combine(dir, "group.txt")}: error ledger.no-group");
        stderr.ShouldContain($"net-care.journal:{lines + 1}: error ledger.unbalanced");
        stderr.TrimEnd().ShouldEndWith("kessan consolidate: 2 problems in the input; nothing was written.");
        stdout.ShouldBeEmpty();
        Directory.Exists(outDir).ShouldBeFalse();

        Directory.CreateDirectory(outDir);
        File.WriteAllText(outFile, "an earlier run");
        Cli.Run("consolidate", dir, "--model", Repo.Example, "--format", "csv", "--out", outFile).Code.ShouldBe(ExitCodes.BadInput);
        File.ReadAllText(outFile).ShouldBe("an earlier run");
        Directory.GetFileSystemEntries(outDir).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_balance_sheet_change_without_a_cash_flow_line_stops_the_run()
    {
        using var files = new TestFiles();
        var dir = SynthLedgerTests.Synthesize(files, seed: 5);
        var cashFlow = Path.Combine(dir, LedgerRelease.CashFlowFile);
        File.WriteAllText(cashFlow, File.ReadAllText(cashFlow).Replace("bs.inventories ", "# bs.inventories ", StringComparison.Ordinal));
        var (code, stdout, stderr) = Cli.Run("consolidate", dir, "--model", Repo.Example, "--format", "csv");
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain("error cashflow.unclassified: The balance of bs.inventories changed");
        stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--format xml")]
    [InlineData("--out")]
    public void A_command_line_mistake_is_bad_input(string extra)
    {
        var (code, stdout, stderr) = Cli.Run(["consolidate", Repo.Example, "--model", Repo.Example, .. extra.Split(' ')]);
        code.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_model_is_required()
    {
        var (code, _, stderr) = Cli.Run("consolidate", Repo.Example);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain("--model");
    }

    /// <summary>A table of the text report: its column headers and, by label, its rows' amounts (a blank cell is zero).</summary>
    private sealed record TextTable(string Title, IReadOnlyList<string> Lines)
    {
        private IReadOnlyList<Match> Columns => Word().Matches(Lines[0], Title.Length).ToList();

        public IReadOnlyList<string> Headers => [.. Columns.Select(m => m.Value)];

        public IReadOnlyList<decimal> Row(string label)
        {
            var line = Lines.Single(l => l.TrimStart().StartsWith(label + "  ", StringComparison.Ordinal)).PadRight(Lines[0].Length);
            var start = line.IndexOf(label, StringComparison.Ordinal) + label.Length;
            var cells = new List<decimal>();
            foreach (var column in Columns)
            {
                var end = column.Index + column.Length;
                var cell = line[start..end].Trim();
                cells.Add(cell.Length == 0 ? 0m : decimal.Parse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                start = end;
            }

            return cells;
        }
    }

    /// <summary>The table whose title begins a line of the report, up to the next blank line.</summary>
    private static TextTable Block(string text, string title)
    {
        var lines = text.Split('\n').SkipWhile(l => !l.StartsWith(title + "  ", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        lines.ShouldNotBeEmpty($"no table '{title}'");
        return new TextTable(title, lines);
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();
}
