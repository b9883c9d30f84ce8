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

    /// <summary>
    /// The ledgers of one seed are the same bytes, release after release of Kessan: every file's SHA-256 is held in a
    /// golden list, so a change to the synthesizer that moves a single posting shows (KESSAN_UPDATE_GOLDEN=1 after a
    /// change made on purpose).
    /// </summary>
    [Fact]
    public void The_ledgers_of_one_seed_stay_the_same_bytes()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 7, transactions: 20_000);
        var hashes = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f))))}  {f}");
        Repo.MatchesGolden(string.Join("\n", hashes) + "\n", Path.Combine(Repo.Root, "tests", "Kessan.Tests", "Golden", "synth-ledger-seed7-20000.sha256"));
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
        ConsolidationGivesEveryLedgerHeldFact(Repo.Example, dir);
    }

    /// <summary>Consolidates the ledgers of <paramref name="ledgerDir"/> and compares them with every ledger-held fact of the definition.</summary>
    private static void ConsolidationGivesEveryLedgerHeldFact(string definitionDir, string ledgerDir)
    {
        var (definition, baseFacts, loaded) = ReleasePipeline.Load(definitionDir);
        loaded.ShouldNotContain(d => d.Severity == Severity.Error);
        var result = LedgerRelease.Consolidate(definition!, ledgerDir);
        result.Diagnostics.ShouldBeEmpty();
        var consolidated = result.Value!;
        var facts = consolidated.ToFacts(definition!.Concepts);
        facts.Diagnostics.ShouldBeEmpty();
        var fromLedger = facts.Value!.ToDictionary(f => (f.Concept, f.Period));
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
        var x = LedgerSynthesizer.Solve([359, 475], 66_950).ShouldNotBeNull();
        var (a, b) = (x[0], x[1]);
        ((359 * a) + (475 * b)).ShouldBe(66_950);
        a.ShouldBeInRange(0, 474);
    }

    [Theory]
    [InlineData(new long[] { 400, 250, 333 }, 1_253_875)]
    [InlineData(new long[] { 399, 445 }, -21_342)]
    [InlineData(new long[] { 0, 359, 0, 475 }, 66_950)]
    [InlineData(new long[] { 6, 10, 15 }, 1)]
    public void Solves_over_any_number_of_coprime_shares(long[] shares, long total)
    {
        var x = LedgerSynthesizer.Solve(shares, total).ShouldNotBeNull();
        shares.Zip(x, (s, n) => s * n).Sum().ShouldBe(total);
    }

    [Theory]
    [InlineData(new long[] { 400, 445 }, 21_342)] // common factor 5
    [InlineData(new long[] { 475 }, 66_950)] // one share alone
    [InlineData(new long[] { }, 1)]
    [InlineData(new long[] { 0, 0 }, 1)]
    public void Shares_with_a_common_factor_that_does_not_divide_the_total_have_no_solution(long[] shares, long total)
    {
        LedgerSynthesizer.Solve(shares, total).ShouldBeNull();
    }

    /// <summary>A copy of the example whose group.txt is <paramref name="group"/>.</summary>
    private static string ExampleWithGroup(TestFiles files, string group)
    {
        var example = Repo.CopyExample(Path.Combine(files.Root, "example"));
        File.WriteAllText(Path.Combine(example, LedgerRelease.GroupFile), group);
        return example;
    }

    private const string GroupConcepts = """
        concept minority-interest-income    minority_interest_income
        concept minority-interest-balance   bs.minority_interest
        concept equity-method-income        equity_method_income
        concept equity-method-investment    bs.equity_method_investments
        concept retained-earnings           bs.accumulated_deficit
        """;

    [Fact]
    public void The_group_is_read_from_the_example_and_copied_into_both_ledger_folders()
    {
        using var files = new TestFiles();
        var dir = Synthesize(files, seed: 2003);
        var group = File.ReadAllText(Path.Combine(Repo.Example, LedgerRelease.GroupFile));
        File.ReadAllText(Path.Combine(dir, LedgerRelease.GroupFile)).ShouldBe(group);
        File.ReadAllText(Path.Combine(dir, "csv", LedgerRelease.GroupFile)).ShouldBe(group);
        File.ReadAllText(Path.Combine(dir, "iij.map")).ShouldContain("Investments:IIJ Technology    bs.other_investments  investment-in iij-technology");
        File.ReadAllText(Path.Combine(dir, "net-care.map")).ShouldContain("Expenses:Connectivity:IIJ    cost.connectivity_and_value_added  iij");
    }

    [Fact]
    public void Another_group_gives_ledgers_whose_consolidation_is_every_ledger_held_fact()
    {
        using var files = new TestFiles();
        var example = ExampleWithGroup(files, $"""
            parent       iij
            subsidiary   iij-technology   60.1%
            subsidiary   net-care         55.5%
            affiliate    crosswave        40.0%
            affiliate    aih              25.0%
            affiliate    iij-media        33.3%
            {GroupConcepts}
            """);
        var dir = Path.Combine(files.Root, "ledgers");
        var (code, stdout, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", example, "--transactions", "10000", "--seed", "31", "--out", dir);
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("wrote 10,000 transactions (20,000 postings) of 6 entities");
        File.ReadAllText(Path.Combine(dir, "iij-media.journal")).ShouldContain("Group posting");
        ConsolidationGivesEveryLedgerHeldFact(example, dir);

        // The facts are given, not worked out from the ownership: the release is the same.
        BuildFromLedger(files, dir).ShouldBe(ExampleRelease.Text);
    }

    /// <summary>synth-ledger on a copy of the example with <paramref name="group"/>: must stop (exit 2) and write nothing.</summary>
    private static string SynthFails(string group, out string groupPath)
    {
        using var files = new TestFiles();
        var example = ExampleWithGroup(files, group);
        groupPath = Path.Combine(example, LedgerRelease.GroupFile);
        var dir = Path.Combine(files.Root, "ledgers");
        var (code, stdout, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", example, "--out", dir);
        code.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        Directory.Exists(dir).ShouldBeFalse();
        stderr.ShouldContain("kessan synth-ledger: ");
        stderr.ShouldContain("nothing was written.");
        return stderr;
    }

    [Fact]
    public void Minority_shares_with_a_common_factor_cannot_give_the_facts()
    {
        // 40.0% and 44.5% make only multiples of 5 thousand yen; 21,342 is not one.
        var stderr = SynthFails($"""
            parent       iij
            subsidiary   iij-technology   60.0%
            subsidiary   net-care         55.5%
            affiliate    crosswave        37.9%
            affiliate    aih              26.7%
            {GroupConcepts}
            """, out var group);
        stderr.ShouldContain($"{group}: error synth.cannot-reproduce: The group cannot give 'minority_interest_income' of the quarter ending 2003-03-31 (21,342 thousand yen) exactly");
        stderr.ShouldContain("the minority shares (iij-technology 40.0%, net-care 44.5%) have the common factor 0.5%, so they make only multiples of 5 thousand yen.");
        stderr.ShouldNotContain("quarter ending 2002-06-30"); // 66,950 is a multiple of 5
    }

    [Fact]
    public void One_subsidiary_and_one_affiliate_alone_cannot_give_the_facts()
    {
        var stderr = SynthFails($"""
            parent       iij
            subsidiary   net-care         52.5%
            affiliate    crosswave        37.9%
            {GroupConcepts}
            """, out var group);
        stderr.ShouldContain($"{group}: error synth.cannot-reproduce: The group cannot give 'minority_interest_income' of the quarter ending 2002-06-30 (66,950 thousand yen) exactly");
        stderr.ShouldContain("the only subsidiary's minority share (net-care 47.5%) makes only multiples of 475 thousand yen");
        stderr.ShouldContain("the only affiliate's share (crosswave 37.9%) makes only multiples of 379 thousand yen");
        stderr.ShouldContain("Give the group at least two subsidiaries whose minority shares");
    }

    [Fact]
    public void A_bad_line_of_the_group_file_is_reported_at_its_line()
    {
        var stderr = SynthFails($"""
            parent       iij
            subsidiary   iij-technology   64.1%
            subsidiary   net-care         about half
            affiliate    crosswave        37.9%
            {GroupConcepts}
            """, out var group);
        stderr.ShouldContain($"{group}:3: error group.bad-line: ");
        stderr.ShouldContain("kessan synth-ledger: 1 problem in the input; nothing was written.");
    }

    [Fact]
    public void An_ownership_finer_than_a_tenth_of_a_percent_or_no_retained_earnings_concept_is_reported()
    {
        var stderr = SynthFails($"""
            parent       iij
            subsidiary   iij-technology   64.15%
            subsidiary   net-care         52.5%
            affiliate    crosswave        37.9%
            affiliate    aih              26.7%
            {GroupConcepts.Replace("concept retained-earnings           bs.accumulated_deficit", "", StringComparison.Ordinal)}
            """, out var group);
        stderr.ShouldContain($"{group}: error synth.ownership: The ownership 64.15% of 'iij-technology' is not a whole tenth of a percent");
        stderr.ShouldContain($"{group}: error synth.no-retained-earnings: ");
    }

    [Theory]
    [InlineData("crosswave", "aih", "equity_method_income", ":5: error group.duplicate-entity: The entity \"crosswave\" is already in the group (line 4)")]
    [InlineData("aih", "asia-net", "revenue.total", ": error synth.role-concept: The equity method income concept 'revenue.total' is not a statement-of-operations line the release gives in thousands of yen")]
    public void An_entity_listed_twice_or_a_role_concept_the_ledgers_do_not_hold_is_reported(string second, string third, string equityIncome, string message)
    {
        var stderr = SynthFails($"""
            parent       iij
            subsidiary   iij-technology   64.1%
            subsidiary   net-care         52.5%
            affiliate    crosswave        37.9%
            affiliate    {second}        26.7%
            affiliate    {third}        10.0%
            {GroupConcepts.Replace("concept equity-method-income        equity_method_income", "concept equity-method-income        " + equityIncome, StringComparison.Ordinal)}
            """, out var group);
        stderr.ShouldContain(group + message);
    }

    [Fact]
    public void A_definition_without_a_group_file_is_reported()
    {
        using var files = new TestFiles();
        var example = Repo.CopyExample(Path.Combine(files.Root, "example"));
        var group = Path.Combine(example, LedgerRelease.GroupFile);
        File.Delete(group);
        var dir = Path.Combine(files.Root, "ledgers");
        var (code, _, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", example, "--out", dir);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain($"{group}: error synth.no-group: ");
        Directory.Exists(dir).ShouldBeFalse();
    }

    /// <summary>Runs synth-ledger on a definition it must refuse: exit 2, nothing written; the standard error.</summary>
    private static string Refused(TestFiles files, string example)
    {
        var dir = Path.Combine(files.Root, "ledgers");
        var (code, _, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", example, "--out", dir);
        code.ShouldBe(ExitCodes.BadInput);
        Directory.Exists(dir).ShouldBeFalse();
        return stderr;
    }

    [Fact]
    public void The_second_example_is_told_what_its_definition_lacks()
    {
        using var files = new TestFiles();
        var example = Path.Combine(Repo.Root, "examples", "arista-2026q2");
        var stderr = Refused(files, example);
        stderr.ShouldContain($"{Path.Combine(example, LedgerRelease.GroupFile)}: error synth.no-group: ");
        stderr.ShouldContain($"{Path.Combine(example, LedgerPlan.FileName)}: error synth.no-plan: The release definition has no synth-ledger.txt");
    }

    [Fact]
    public void A_plan_line_it_cannot_read_and_a_missing_key_are_reported_at_their_lines()
    {
        using var files = new TestFiles();
        var example = Repo.CopyExample(Path.Combine(files.Root, "example"));
        var plan = Path.Combine(example, LedgerPlan.FileName);
        File.WriteAllText(plan, File.ReadAllText(plan)
            .Replace("plug                        bs.other_current_liabilities\n", "", StringComparison.Ordinal)
            .Replace("cash-line  cf.change_in_inventories               bs.inventories                       -                operating\n", "cash-line  cf.change_in_inventories\n", StringComparison.Ordinal));
        var stderr = Refused(files, example);
        stderr.ShouldContain($"{plan}:33: error synth.bad-plan: this line is not 'KEY CONCEPT'");
        stderr.ShouldContain($"{plan}: error synth.bad-plan: 'plug' is missing: the balance-sheet line that balances the dates the release does not show");
    }

    [Fact]
    public void The_quarters_are_the_releases_from_the_opening_to_the_current_one()
    {
        // The example shows 1Q02, 4Q02 and 1Q03: the ledgers run from 4Q01 (opening balances on its last day) to 1Q03.
        using var files = new TestFiles();
        var dir = Path.Combine(files.Root, "ledgers");
        var (code, _, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", Repo.Example, "--out", dir, "--transactions", "10000");
        code.ShouldBe(ExitCodes.Ok, stderr);
        var dates = File.ReadLines(Path.Combine(dir, "csv", "iij.csv")).Skip(1).Select(l => l[..10]).Distinct().Order(StringComparer.Ordinal).ToList();
        dates[0].ShouldBe("2002-03-31");
        dates[^1].CompareTo("2003-06-30").ShouldBeLessThanOrEqualTo(0);
        dates.ShouldContain(d => d.StartsWith("2002-0", StringComparison.Ordinal) && d.CompareTo("2002-07-01") >= 0 && d.CompareTo("2002-09-30") <= 0, "the quarters the release does not show are in the ledgers too");
    }
}
