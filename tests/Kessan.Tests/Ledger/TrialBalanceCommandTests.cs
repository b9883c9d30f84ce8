using Kessan.Cli;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

public class TrialBalanceCommandTests
{
    private const string Journal = """
        2003-03-31 * (INV-1) Sale
            Assets:Receivable      JPY 1,000,000
            Income:Dedicated Access

        2003-04-01 * (INV-2) Sale
            Assets:Receivable      JPY 1,500,000
            Income:Dedicated Access
        """;

    [Fact]
    public void Writes_csv_with_the_documented_columns()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.journal", Journal);
        var (code, stdout, stderr) = Cli.Run("trial-balance", path, "--by", "quarter", "--format", "csv");
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldBe("""
            entity,account,period,amount,currency
            iij,Assets:Receivable,4Q02,1000000,JPY
            iij,Assets:Receivable,1Q03,1500000,JPY
            iij,Income:Dedicated Access,4Q02,-1000000,JPY
            iij,Income:Dedicated Access,1Q03,-1500000,JPY

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void With_flows_the_csv_has_a_flow_column_and_without_them_tags_are_ignored()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.journal", """
            2003-04-01 * Purchase
                Assets:Property      JPY 900  ; flow: purchase
                Assets:Cash

            2003-06-30 * Depreciation
                Expenses:Depreciation  JPY 100
                Assets:Property        JPY -100  ; flow:depreciation, cost-center:backbone
            """);
        var (code, stdout, stderr) = Cli.Run("trial-balance", path, "--format", "csv", "--flows");
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldBe("""
            entity,account,flow,period,amount,currency
            iij,Assets:Cash,,1Q03,-900,JPY
            iij,Assets:Property,depreciation,1Q03,-100,JPY
            iij,Assets:Property,purchase,1Q03,900,JPY
            iij,Expenses:Depreciation,,1Q03,100,JPY

            """.ReplaceLineEndings("\n"));
        Cli.Run("trial-balance", path, "--format", "csv").Out.ShouldContain("iij,Assets:Property,1Q03,800,JPY\n");
    }

    [Fact]
    public void Out_writes_to_a_file_what_the_screen_would_show()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.journal", Journal);
        var target = Path.Combine(files.Root, "reports", "tb.csv");
        var (code, stdout, stderr) = Cli.Run("trial-balance", path, "--format", "csv", "--out", target);
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldBeEmpty();
        File.ReadAllText(target).ShouldBe(Cli.Run("trial-balance", path, "--format", "csv").Out);
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]); // nothing left from writing it
    }

    [Fact]
    public void Writes_a_text_table_with_periods_across_and_a_zero_total()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.journal", Journal);
        var (code, stdout, _) = Cli.Run("trial-balance", path, "--by", "month", "--entity", "IIJ");
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldBe("""
            IIJ (JPY; debits +, credits −)     2003-03     2003-04
            ------------------------------------------------------
            Assets:Receivable                1,000,000   1,500,000
            Income:Dedicated Access         -1,000,000  -1,500,000
            ------------------------------------------------------
            Total                                    0           0

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_december_year_end_puts_january_in_the_first_quarter()
    {
        using var files = new TestFiles();
        var path = files.Write("x.journal", "2003-01-15 x\n    A  JPY 1\n    B\n");
        var (_, stdout, _) = Cli.Run("trial-balance", path, "--fiscal-year-end", "December", "--format", "csv");
        stdout.ShouldContain("x,A,1Q03,1,JPY");
    }

    [Fact]
    public void Entities_from_several_files_are_kept_apart()
    {
        using var files = new TestFiles();
        var a = files.Write("iij.journal", Journal);
        var b = files.Write("netcare.csv", "date,transaction,account,amount\n2003-04-02,N1,Assets:Cash,5\n2003-04-02,N1,Income:Sales,-5\n");
        var (code, stdout, _) = Cli.Run("trial-balance", a, b, "--format", "csv");
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("netcare,Assets:Cash,1Q03,5,JPY");
        stdout.ShouldContain("iij,Assets:Receivable,1Q03,1500000,JPY");
        stdout.Split('\n').Count(l => l.StartsWith("netcare,", StringComparison.Ordinal)).ShouldBe(2);
        _ = TrialBalanceWriter.CsvHeader;
    }
}
