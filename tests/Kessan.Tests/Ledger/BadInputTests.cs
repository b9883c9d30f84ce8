using Kessan.Cli;
using Kessan.Diagnostics;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>Every kind of bad input is reported with file:line, all of them at once, and nothing is written.</summary>
public class BadInputTests
{
    private static IReadOnlyList<Diagnostic> Problems(TestFiles files, string name, string text, TrialBalanceOptions? options = null)
    {
        var path = files.Write(name, text);
        var result = TrialBalanceTests.Run(path, options ?? new TrialBalanceOptions());
        result.HasErrors.ShouldBeTrue();
        result.Value.ShouldBeNull();
        return result.Diagnostics;
    }

    private const string Journal = """
        account Assets:Cash
        account Income:Sales

        2003-04-01 Balanced
            Assets:Cash     JPY 1,000
            Income:Sales   JPY -1,000

        2003-04-02 Unbalanced by 1 yen
            Assets:Cash     JPY 1,000
            Income:Sales    JPY -999

        2003-04-31 April has 30 days
            Assets:Cash     JPY 5
            Income:Sales

        2003-05-01 Bad amount
            Assets:Cash     JPY 1.000,50
            Income:Sales

        2003-05-02 Typo in the account
            Assets:Csh      JPY 7
            Income:Sales

        2003-05-03 Two elided amounts
            Assets:Cash
            Income:Sales

        2003-05-04 Typo again
            Assets:Csh      JPY 8
            Income:Sales
        """;

    [Fact]
    public void Reports_every_problem_of_a_journal_with_its_line()
    {
        using var files = new TestFiles();
        var problems = Problems(files, "bad.journal", Journal);
        var path = Path.Combine(files.Root, "bad.journal");
        problems.Select(p => (p.Code, p.Location!.Value.Line)).ShouldBe(
        [
            ("ledger.unbalanced", 8),
            ("ledger.bad-date", 12),
            ("ledger.bad-amount", 17),
            ("ledger.two-missing-amounts", 26),
            ("ledger.unknown-account", 21),
        ]);
        problems.ShouldAllBe(p => p.Location!.Value.File == path && p.Severity == Severity.Error);
        problems[0].Message.ShouldContain("debits exceed credits by JPY 1");
        problems[4].Message.ShouldContain("\"Assets:Csh\"");
        problems[4].Message.ShouldContain("2 times");
    }

    [Theory]
    [InlineData("2003-04-01 x\n    Assets:Cash  JPY abc\n    Income:Sales\n", "ledger.bad-amount", 2)]
    [InlineData("2003-04-01 x\n    Assets:Cash  JPY 1.2.3\n    Income:Sales\n", "ledger.bad-amount", 2)]
    [InlineData("2003-4-1x\n    Assets:Cash  JPY 1\n    Income:Sales\n", "ledger.bad-date", 1)]
    [InlineData("2003-02-29 not a leap year\n    Assets:Cash  JPY 1\n    Income:Sales\n", "ledger.bad-date", 1)]
    [InlineData("2003-04-01 x\n    Assets:Cash  JPY 1\n    Income:Sales  JPY 2\n", "ledger.unbalanced", 1)]
    [InlineData("2003-04-01 x\n    Assets:Cash  JPY 1\n    Income:Sales  USD -1\n    Equity  EUR 1\n", "ledger.unbalanced", 1)]
    [InlineData("include other.journal\n", "ledger.unsupported", 1)]
    [InlineData("alias Cash=Assets:Cash\n", "ledger.unsupported", 1)]
    [InlineData("= /Income/\n    (Liabilities:Tax)  0.1\n", "ledger.unsupported", 1)]
    [InlineData("2003-04-01 x\n    Assets:Cash  = JPY 100\n    Income:Sales\n", "ledger.unsupported", 2)]
    [InlineData("hello world\n", "ledger.not-understood", 1)]
    [InlineData("\n    Assets:Cash  JPY 1\n", "ledger.stray-line", 2)]
    [InlineData("account Assets:Cash\naccount\n", "ledger.bad-directive", 2, "account directive names no account")]
    [InlineData("2003-04-01 x\n    Assets:Cash  JPY 1\n    ()  JPY -1\n", "ledger.bad-posting", 3, "This posting \"()  JPY -1\" names no account")]
    public void Each_kind_of_journal_problem_has_its_code_and_line(string text, string code, int line, string? message = null)
    {
        using var files = new TestFiles();
        var problem = Problems(files, "one.journal", text).ShouldHaveSingleItem();
        problem.Code.ShouldBe(code);
        problem.Location!.Value.Line.ShouldBe(line);
        problem.Message.ShouldContain(message ?? "");
    }

    [Fact]
    public void Many_problems_are_all_counted_even_when_not_all_are_listed()
    {
        using var files = new TestFiles();
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => $"2003-04-{(i % 28) + 1:00} x\n    A  JPY 1\n    B  JPY 1\n\n"));
        var problems = Problems(files, "many.journal", text, new TrialBalanceOptions { MaxDiagnostics = 10 });
        problems.Count.ShouldBe(11);
        problems[^1].ShouldBeProblem("ledger.more-problems", null, "… and 40 more problems like the ones above");
    }

    [Fact]
    public void The_command_exits_2_writes_nothing_and_lists_every_problem()
    {
        using var files = new TestFiles();
        var path = files.Write("bad.journal", Journal);
        var outFile = Path.Combine(files.Root, "tb.csv");
        var (code, stdout, stderr) = Cli.Run("trial-balance", path, "--format", "csv", "--out", outFile);
        code.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        File.Exists(outFile).ShouldBeFalse();
        stderr.ShouldContain($"{path}:8: error ledger.unbalanced");
        stderr.ShouldContain($"{path}:12: error ledger.bad-date");
        stderr.ShouldContain($"{path}:17: error ledger.bad-amount");
        stderr.ShouldContain($"{path}:21: error ledger.unknown-account");
        stderr.ShouldContain($"{path}:26: error ledger.two-missing-amounts");
        stderr.ShouldContain("5 problems in the input");
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        var (code, _, stderr) = Cli.Run("trial-balance", "/nonexistent/gl.journal");
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain("/nonexistent/gl.journal: error ledger.no-file");
    }

    [Fact]
    public void A_file_that_cannot_be_opened_is_reported_not_thrown()
    {
        // Held open without sharing (a lock on Unix, a sharing violation on Windows): permissions would not stop
        // a test running as root.
        using var files = new TestFiles();
        var path = files.Write("locked.journal", "2003-04-01 x\n    A  JPY 1\n    B\n");
        using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var problem = TrialBalanceTests.Run(path, new TrialBalanceOptions()).Diagnostics.ShouldHaveSingleItem();
        problem.ShouldBeProblem("ledger.unreadable", null, "A ledger file could not be read: ");
        problem.Message.ShouldContain(path);
    }

    [Fact]
    public void More_entities_than_one_part_can_total_are_reported_for_the_file()
    {
        using var files = new TestFiles();
        var problem = Problems(files, "entities.csv", EntitiesCsv(1100, "E")).ShouldHaveSingleItem();
        problem.ShouldBeProblem("ledger.too-many-names", new SourceLocation(Path.Combine(files.Root, "entities.csv"), 0), "1,023 entities in one part");
    }

    [Fact]
    public void More_entities_than_all_files_together_can_total_are_reported_once()
    {
        using var files = new TestFiles();
        var inputs = Enumerable.Range(0, 2).Select(f => LedgerInput.For(files.Write($"part{f}.csv", EntitiesCsv(600, $"E{f}-")))).ToList();
        var result = TrialBalanceBuilder.Build(inputs, new TrialBalanceOptions(), cancel: TestContext.Current.CancellationToken);
        result.Value.ShouldBeNull();
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.ShouldBeProblem("ledger.too-many-names", null, "1,023 entities in all");
    }

    [Fact]
    public void Every_entity_up_to_the_limit_is_totalled()
    {
        // Entities 512 and up once set the sign bit of the packed cell key, and reading them crashed.
        using var files = new TestFiles();
        var result = TrialBalanceTests.Run(files.Write("entities.csv", EntitiesCsv(1000, "E")), new TrialBalanceOptions());
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.Value!.Lines.Count.ShouldBe(2000);
        result.Value.Lines.Where(l => l.Entity == "E999").Select(l => $"{l.Account}|{l.Amount}").ShouldBe(["Cash|1", "Sales|-1"]);
    }

    /// <summary>A CSV ledger of that many entities, each with one balanced transaction.</summary>
    private static string EntitiesCsv(int entities, string prefix) =>
        "date,transaction,entity,account,amount\n" + string.Concat(Enumerable.Range(0, entities).Select(i => $"2003-04-01,T,{prefix}{i},Cash,1\n2003-04-01,T,{prefix}{i},Sales,-1\n"));

    [Theory]
    [InlineData("--by", "week")]
    [InlineData("--fiscal-year-end", "13")]
    [InlineData("--format", "xml")]
    [InlineData("--column", "colour=Red")]
    public void Usage_mistakes_exit_2(string option, string value)
    {
        using var files = new TestFiles();
        var path = files.Write("ok.journal", "2003-04-01 x\n    A  JPY 1\n    B\n");
        var (code, stdout, stderr) = Cli.Run("trial-balance", path, option, value);
        code.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(option);
    }
}

internal static class Cli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = KessanCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
