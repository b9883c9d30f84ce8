using Kessan.Diagnostics;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

public class CsvJournalTests
{
    [Fact]
    public void Reads_signed_amounts_with_entity_and_currency_columns()
    {
        using var files = new TestFiles();
        var path = files.Write("group.csv", """"
            date,transaction id,entity,account,amount,currency,memo
            2003-04-01,T1,IIJ,Assets:Receivable,"1,000,000",JPY,"Dedicated access, April"
            2003-04-01,T1,IIJ,Income:Dedicated Access,"-1,000,000",JPY,
            2003-06-30,T2,IIJ Technology,Assets:Cash,250.5,JPY,"A memo with ""quotes"""
            2003-06-30,T2,IIJ Technology,Income:Systems Integration,(250.5),JPY,
            2003-07-01,T3,IIJ,Assets:Cash,10,USD,"two-line
            memo"
            2003-07-01,T3,IIJ,Equity:Capital,-10,USD,
            """");
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions());
        tb.Diagnostics.ShouldBeEmpty(string.Join("\n", tb.Diagnostics));
        tb.Value!.Lines.Select(l => $"{l.Entity}|{l.Account}|{l.Period}|{l.Amount}|{l.Currency}").ShouldBe(
        [
            "IIJ|Assets:Cash|2Q03|10|USD",
            "IIJ|Assets:Receivable|1Q03|1000000|JPY",
            "IIJ|Equity:Capital|2Q03|-10|USD",
            "IIJ|Income:Dedicated Access|1Q03|-1000000|JPY",
            "IIJ Technology|Assets:Cash|1Q03|250.5|JPY",
            "IIJ Technology|Income:Systems Integration|1Q03|-250.5|JPY",
        ]);
    }

    [Fact]
    public void Two_cells_with_doubled_quotes_in_one_row_keep_their_own_text()
    {
        using var files = new TestFiles();
        var path = files.Write("iij.csv", """"
            date,transaction id,account,amount,flow
            2003-04-01,T1,"Assets:""Tokyo"" Data Center",1000,"capital ""lease"""
            2003-04-01,T1,"Liabilities:""Tokyo"" Lease",-1000,"capital ""lease"""
            """");
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions { Flows = true });
        tb.Diagnostics.ShouldBeEmpty(string.Join("\n", tb.Diagnostics));
        tb.Value!.Lines.Select(l => $"{l.Account}|{l.Flow}|{l.Amount}").ShouldBe(
        [
            "Assets:\"Tokyo\" Data Center|capital \"lease\"|1000",
            "Liabilities:\"Tokyo\" Lease|capital \"lease\"|-1000",
        ]);
    }

    [Fact]
    public void Reads_debit_and_credit_columns_under_configured_names()
    {
        using var files = new TestFiles();
        var path = files.Write("netcare.csv", """
            Posting Date,Voucher,GL Account,Dr,Cr
            2003/04/15,V-1,1100 Cash,"5,000",
            2003/04/15,V-1,4000 Sales,,"5,000"
            """);
        var columns = CsvColumns.Default.With("transaction", "Voucher")!.With("account", "GL Account")!.With("debit", "Dr")!.With("credit", "Cr")!;
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions { Columns = columns });
        tb.Diagnostics.ShouldBeEmpty(string.Join("\n", tb.Diagnostics));
        tb.Value!.Lines.Select(l => $"{l.Entity}|{l.Account}|{l.Amount}").ShouldBe(["netcare|1100 Cash|5000", "netcare|4000 Sales|-5000"]);
    }

    [Fact]
    public void Reports_every_bad_row_with_its_line()
    {
        using var files = new TestFiles();
        var path = files.Write("bad.csv", """
            date,transaction,account,debit,credit
            2003-04-01,T1,Cash,100,
            2003-04-01,T1,Sales,,99
            2003-04-31,T2,Cash,1,
            2003-04-30,T2,Sales,,1
            2003-05-01,T3,Cash,1x,
            2003-05-01,T3,Sales,,1
            2003-05-02,T4,Cash,,
            2003-05-02,T4,,,1
            2003-05-03,T5,Cash,1
            """);
        var result = TrialBalanceTests.Run(path, new TrialBalanceOptions());
        result.Value.ShouldBeNull();
        result.Diagnostics.Select(d => (d.Code, d.Location!.Value.Line)).ShouldBe(
        [
            ("csv.unbalanced", 2),
            ("csv.bad-date", 4),
            ("csv.bad-amount", 6),
            ("csv.bad-amount", 8),
            ("csv.missing-account", 9),
            ("csv.bad-row", 10),
        ]);
        result.Diagnostics[0].Message.ShouldContain("Transaction T1 does not balance: debits exceed credits by JPY 1");
    }

    [Fact]
    public void A_header_without_the_needed_columns_is_one_clear_problem()
    {
        using var files = new TestFiles();
        var path = files.Write("export.csv", "Datum,Konto,Betrag\n2003-04-01,Kasse,1\n");
        var problem = TrialBalanceTests.Run(path, new TrialBalanceOptions()).Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("csv.missing-column");
        problem.Location!.Value.Line.ShouldBe(1);
        problem.Message.ShouldContain("--column");
    }

    [Theory]
    [InlineData("date,transaction,account,amount\n2003-04-01,T1,Cash,1\n2003-04-01,T1,Sales,-1\n2003-04-02,,Cash,5\n", "csv.missing-transaction", 4, "This row has no transaction id")]
    [InlineData("date,transaction,account,amount,memo\n2003-04-01,T1,Cash,1,ok\n2003-04-01,T1,Sales,-1,\n2003-04-02,T2,Cash,5,\"never closed\n2003-04-02,T2,Sales,-5,\n", "csv.unclosed-quote", 4, "never closed; the rest of the file was not counted")]
    public void Each_kind_of_csv_problem_has_its_code_and_line(string text, string code, int line, string message)
    {
        using var files = new TestFiles();
        var path = files.Write("one.csv", text);
        var result = TrialBalanceTests.Run(path, new TrialBalanceOptions());
        result.Value.ShouldBeNull();
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.ShouldBeProblem(code, new SourceLocation(path, line), message);
    }

    [Fact]
    public void A_ledger_exported_as_csv_gives_the_same_trial_balance_as_its_journal()
    {
        using var files = new TestFiles();
        var (journal, csv, _) = JournalGenerator.GenerateBoth(500, seed: 11, new DateOnly(2002, 4, 1), 456);
        var columns = CsvColumns.Default.With("date", "Posting Date")!.With("transaction", "Voucher")!.With("account", "GL Account")!;
        var fromJournal = TrialBalanceTests.Run(files.Write("group.journal", journal), new TrialBalanceOptions());
        var fromCsv = TrialBalanceTests.Run(files.Write("group.csv", csv), new TrialBalanceOptions { Columns = columns });
        fromCsv.Diagnostics.ShouldBeEmpty(string.Join("\n", fromCsv.Diagnostics));
        fromCsv.Value!.Lines.ShouldBe(fromJournal.Value!.Lines);
        fromCsv.Value.Transactions.ShouldBe(500);
    }
}
