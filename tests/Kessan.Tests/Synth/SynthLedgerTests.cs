using Kessan.Cli;
using Kessan.Build;
using Kessan.Diagnostics;
using Kessan.Synth;
using Kessan.Tests.Build;
using Kessan.Tests.Ledger;

namespace Kessan.Tests.Synth;

public class SynthLedgerTests
{
    internal static string Synthesize(TestFiles files, int seed, long transactions = 10_000)
    {
        var dir = Path.Combine(files.Root, "ledgers");
        var (code, stdout, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", Repo.Example, "--transactions", transactions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", dir);
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain($"wrote {transactions:N0} transactions");
        return dir;
    }

    private static string BuildFromLedger(TestFiles files, string ledgerDir)
    {
        var outDir = Path.Combine(files.Root, "out");
        var (code, _, stderr) = Kessan.Tests.Ledger.Cli.Run("build", Repo.Example, "--ledger", ledgerDir, "--out", outDir);
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        return File.ReadAllText(Path.Combine(outDir, "release.txt"));
    }

    /// <summary>Synthesizes ledgers, appends text to one of them, and returns the errors of the build, which must stop (exit 2).</summary>
    private static string BuildFailsAfterAppending(int seed, string ledger, string text) =>
        BuildFailsAfter(seed, dir => File.AppendAllText(Path.Combine(dir, ledger), text));

    /// <summary>Synthesizes ledgers, changes the folder, and returns the errors of the build, which must stop (exit 2).</summary>
    private static string BuildFailsAfter(int seed, Action<string> change)
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed);
        change(dir);
        return BuildFails(files, dir);
    }

    /// <summary>The errors of building the example from a ledger folder, which must stop (exit 2) and write nothing.</summary>
    private static string BuildFails(TestFiles files, string ledgerDir)
    {
        var outDir = Path.Combine(files.Root, "out");
        var (code, stdout, stderr) = Kessan.Tests.Ledger.Cli.Run("build", Repo.Example, "--ledger", ledgerDir, "--out", outDir);
        code.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        Directory.Exists(outDir).ShouldBeFalse();
        return stderr;
    }

    [Fact]
    public void A_ledger_folder_that_does_not_exist_is_reported()
    {
        using var files = new TestFiles();
        var dir = Path.Combine(files.Root, "ledgers");
        BuildFails(files, dir).ShouldContain($"{dir}: error ledger.no-folder: The ledger folder does not exist.");
    }

    [Fact]
    public void A_ledger_folder_without_ledgers_is_reported()
    {
        using var files = new TestFiles();
        var dir = Directory.CreateDirectory(Path.Combine(files.Root, "ledgers")).FullName;
        File.WriteAllText(Path.Combine(dir, "iij.journal.bak"), "");
        BuildFails(files, dir).ShouldContain($"{dir}: error ledger.no-ledgers: The ledger folder holds no ledgers (*.journal or *.csv).");
    }

    [Fact]
    public void A_period_the_release_needs_that_the_ledgers_lack_is_reported_at_its_fact()
    {
        // The parent's opening balances alone: the ledgers end at 2002-03-31, the release shows cash at 2002-06-30 too.
        using var files = new TestFiles();
        var dir = Directory.CreateDirectory(Path.Combine(files.Root, "ledgers")).FullName;
        File.WriteAllText(Path.Combine(dir, LedgerRelease.GroupFile), """
            parent iij
            concept minority-interest-income    minority_interest_income
            concept minority-interest-balance   bs.minority_interest
            concept equity-method-income        equity_method_income
            concept equity-method-investment    bs.equity_method_investments
            """);
        File.WriteAllText(Path.Combine(dir, "iij.map"), "Assets:Cash  bs.cash\nEquity:*  bs.common_stock\n");
        File.WriteAllText(Path.Combine(dir, "iij.journal"), "2002-03-31 Opening balances\n    Assets:Cash  JPY 1,000\n    Equity:Common Stock\n");
        var facts = Path.Combine(Repo.Example, "facts.csv");
        var line = Array.FindIndex(File.ReadAllLines(facts), l => l.StartsWith("bs.cash,2002-06-30,", StringComparison.Ordinal)) + 1;
        var stderr = BuildFails(files, dir);
        stderr.ShouldContain($"{facts}:{line}: error ledger.missing-period: The ledgers hold 'bs.cash' but not for 2002-06-30; the release needs it.");
        stderr.ShouldNotContain("bs.cash' but not for 2002-03-31");
    }

    [Fact]
    public void Synth_ledger_then_build_from_the_journals_gives_the_release_of_the_base_facts()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 2003);
        BuildFromLedger(files, dir).ShouldBe(ExampleRelease.Text);
    }

    [Fact]
    public void Another_seed_and_the_csv_form_give_the_same_release()
    {
        using var files = new TestFiles();
        using var otherFiles = new TestFiles();
        var dir = Synthesize(files, seed: 7);
        var other = Synthesize(otherFiles, seed: 2003);
        File.ReadAllText(Path.Combine(dir, "iij.journal")).ShouldNotBe(File.ReadAllText(Path.Combine(other, "iij.journal")));
        BuildFromLedger(files, Path.Combine(dir, "csv")).ShouldBe(ExampleRelease.Text);
    }

    [Fact]
    public void Consolidating_the_ledgers_gives_every_ledger_held_fact_exactly()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 11);
        var (definition, baseFacts, loaded) = ReleasePipeline.Load(Repo.Example);
        loaded.ShouldNotContain(d => d.Severity == Severity.Error);
        var diagnostics = new List<Diagnostic>();
        var consolidated = LedgerRelease.Consolidate(definition!, dir, diagnostics);
        diagnostics.ShouldBeEmpty();
        var fromLedger = consolidated!.ToFacts(definition!.Concepts, diagnostics).ToDictionary(f => (f.Concept, f.Period));
        diagnostics.ShouldBeEmpty();
        consolidated.Statements.Select(s => s.Period.Label).ShouldBe(["1Q02", "2Q02", "3Q02", "4Q02", "1Q03"]);
        var held = baseFacts.All.Where(f => LedgerSynthesizer.IsLedgerConcept(f, definition.Concepts[f.Concept])).ToList();
        // statements of operations, balance sheets, cash at two more dates, and the 22 lines of the statements of
        // cash flows given in thousands (depreciation and amortization and the effect of exchange rates included)
        held.Count.ShouldBe((16 * 3) + (28 * 3) + 2 + (22 * 3));
        foreach (var fact in held)
        {
            fromLedger.ShouldContainKey((fact.Concept, fact.Period), $"{fact.Concept} {fact.Period}");
            fromLedger[(fact.Concept, fact.Period)].Value.ShouldBe(fact.Value, $"{fact.Concept} {fact.Period}");
        }
    }

    [Fact]
    public void The_cash_flow_lines_come_from_the_flows_of_the_postings()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 13);
        var journal = Path.Combine(dir, "iij.journal");
        var text = File.ReadAllText(journal);
        text.ShouldContain("; flow: depreciation");
        File.ReadAllText(Path.Combine(dir, "csv", "iij.csv")).ShouldContain(",depreciation\n");

        // One depreciation posting of 1Q02 re-tagged as a sale-leaseback moves its amount between the two lines.
        var at = text.IndexOf("; flow: depreciation", StringComparison.Ordinal);
        File.WriteAllText(journal, string.Concat(text.AsSpan(0, at), "; flow: sale-leaseback", text.AsSpan(at + "; flow: depreciation".Length)));
        var release = BuildFromLedger(files, dir);
        release.ShouldNotBe(ExampleRelease.Text);
        var line = release.Split('\n').Single(l => l.StartsWith("Proceeds from sale-leaseback\t", StringComparison.Ordinal));
        line.ShouldNotBe("Proceeds from sale-leaseback\t-\t-\t-\t66,940");
    }

    [Fact]
    public void A_flow_without_a_cash_flow_line_stops_the_build()
    {
        var stderr = BuildFailsAfterAppending(17, "iij.journal", "2003-05-01 * Revaluation\n    Assets:Other Investments  JPY 1000  ; flow: revaluation\n    Assets:Cash  JPY -1000\n");
        stderr.ShouldContain("cashflow.unclassified");
        stderr.ShouldContain("flow 'revaluation'");
    }

    [Fact]
    public void A_cash_flow_line_that_contradicts_the_statement_of_operations_stops_the_build()
    {
        // Without its minus sign the equity-method line gives the result with the wrong sign.
        var stderr = BuildFailsAfter(19, dir =>
        {
            var path = Path.Combine(dir, LedgerRelease.CashFlowFile);
            File.WriteAllText(path, File.ReadAllText(path).Replace("-equity_method_income", "equity_method_income", StringComparison.Ordinal));
        });
        stderr.ShouldContain("cashflow.disagrees");
        stderr.ShouldContain("equity_method_income = 1,316,854,000 but the consolidated statement of operations gives -1,316,854,000");
    }

    [Fact]
    public void A_cash_flow_line_that_is_not_a_concept_stops_the_build()
    {
        var stderr = BuildFailsAfter(23, dir => File.AppendAllText(Path.Combine(dir, LedgerRelease.CashFlowFile), "*  revaluation  operating  cf.revaluation_losses\n"));
        stderr.ShouldContain("cashflow.txt:");
        stderr.ShouldContain("cashflow.unknown-concept");
        stderr.ShouldContain("'cf.revaluation_losses'");
    }

    [Fact]
    public void Ledgers_are_written_in_whole_yen_with_the_number_of_transactions_asked()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 3, transactions: 20_000);
        var ids = 0;
        foreach (var journal in Directory.GetFiles(dir, "*.journal"))
        {
            foreach (var line in File.ReadLines(journal))
            {
                if (line.Length > 0 && char.IsDigit(line[0]))
                {
                    ids++;
                }
                else if (line.StartsWith("    ", StringComparison.Ordinal))
                {
                    line.ShouldNotContain(".");
                }
            }
        }

        ids.ShouldBe(20_000);
    }

    [Fact]
    public void A_corrupted_ledger_stops_the_build_with_file_and_line()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 5);
        var journal = Path.Combine(dir, "net-care.journal");
        var lines = File.ReadAllLines(journal).Length;
        File.AppendAllText(journal, "2003-05-01 * (BAD-1) Unbalanced\n    Assets:Cash  JPY 1000\n    Equity:Capital Stock  JPY -999\n");
        var outDir = Path.Combine(files.Root, "out");
        var (code, stdout, stderr) = Kessan.Tests.Ledger.Cli.Run("build", Repo.Example, "--ledger", dir, "--out", outDir);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain($"net-care.journal:{lines + 1}");
        stderr.ShouldContain("unbalanced");
        stdout.ShouldBeEmpty();
        Directory.Exists(outDir).ShouldBeFalse();
    }

    [Fact]
    public void An_unmapped_account_is_a_consolidation_problem()
    {
        BuildFailsAfterAppending(5, "aih.journal", "account Assets:Stray\n2003-05-01 * Stray\n    Assets:Stray  JPY 1000\n    Assets:Cash  JPY -1000\n")
            .ShouldContain("consolidation.unmapped-account");
    }

    [Fact]
    public void The_same_seed_writes_the_same_ledgers()
    {
        using var files = new TestFiles();
        using var again = new TestFiles();
        var first = Synthesize(files, seed: 9);
        var second = Synthesize(again, seed: 9);
        foreach (var path in Directory.GetFiles(first, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(Path.Combine(second, Path.GetRelativePath(first, path))).ShouldBe(File.ReadAllText(path), path);
        }
    }

    [Fact]
    public void Solves_the_minority_share_equation_in_whole_millions()
    {
        var (a, b) = LedgerSynthesizer.Solve(359, 475, 66_950);
        ((359 * a) + (475 * b)).ShouldBe(66_950);
        a.ShouldBeInRange(0, 474);
    }
}
