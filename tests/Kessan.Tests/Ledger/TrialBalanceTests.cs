using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Tests.Ledger;

public class TrialBalanceTests
{
    private static TrialBalance Build(TestFiles files, string name, string text, TrialBalanceOptions? options = null)
    {
        var path = files.Write(name, text);
        var result = Run(path, options ?? new TrialBalanceOptions());
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    internal static Kessan.Diagnostics.Result<TrialBalance> Run(string path, TrialBalanceOptions options) =>
        TrialBalanceBuilder.Build([LedgerInput.For(path)], options, cancel: TestContext.Current.CancellationToken);

    private static Dictionary<(string Account, string Period), decimal> ByAccount(TrialBalance tb) =>
        tb.Lines.ToDictionary(l => (l.Account, l.Period.Label), l => l.Amount);

    [Fact]
    public void Balances_by_fiscal_quarter_match_hand_computed_totals()
    {
        using var files = new TestFiles();
        var tb = Build(files, "iij.journal", """
            ; IIJ, fiscal year ending March 31
            account Assets:Cash
            account Assets:Receivable
            account Income:Dedicated Access
            account Expenses:Backbone

            2003-03-31 * (INV-1) Last day of 4Q02
                Assets:Receivable      JPY 1,000,000
                Income:Dedicated Access

            2003-04-01 ! (INV-2) First day of 1Q03  ; header comment
                ; a note
                Assets:Receivable      1,500,000 JPY
                Income:Dedicated Access    JPY -1,500,000

            2003/06/30 Collection
                * Assets:Cash          JPY 2,000,000  ; posting comment
                Assets:Receivable     -JPY 2,000,000

            2003-07-01 Backbone lines, 2Q03
                Expenses:Backbone	JPY 300,000.50
                Assets:Cash
            """);

        var b = ByAccount(tb);
        b[("Assets:Receivable", "4Q02")].ShouldBe(1_000_000m);
        b[("Income:Dedicated Access", "4Q02")].ShouldBe(-1_000_000m);
        b[("Assets:Receivable", "1Q03")].ShouldBe(-500_000m);
        b[("Income:Dedicated Access", "1Q03")].ShouldBe(-1_500_000m);
        b[("Assets:Cash", "1Q03")].ShouldBe(2_000_000m);
        b[("Expenses:Backbone", "2Q03")].ShouldBe(300_000.50m);
        b[("Assets:Cash", "2Q03")].ShouldBe(-300_000.50m);
        b.Count.ShouldBe(7);
        tb.Lines.ShouldAllBe(l => l.Entity == "iij" && l.Currency == "JPY");
        tb.Transactions.ShouldBe(4);
        tb.Postings.ShouldBe(8);
        tb.Lines.First(l => l.Period.Label == "1Q03").Period.Dates.ShouldBe(FiscalCalendar.MarchYearEnd.Quarter(2003, 1).Period);
    }

    [Fact]
    public void Groups_by_month_and_by_year_with_a_configurable_year_end()
    {
        using var files = new TestFiles();
        const string journal = """
            2003-03-31 Sale
                Assets:Cash    ¥1000
                Income:Sales

            2003-04-01 Sale
                Assets:Cash    ¥250
                Income:Sales
            """;
        var months = ByAccount(Build(files, "a.journal", journal, new TrialBalanceOptions { By = PeriodGrouping.Month }));
        months[("Assets:Cash", "2003-03")].ShouldBe(1000m);
        months[("Assets:Cash", "2003-04")].ShouldBe(250m);

        var years = ByAccount(Build(files, "b.journal", journal, new TrialBalanceOptions { By = PeriodGrouping.Year }));
        years[("Assets:Cash", "FY2002")].ShouldBe(1000m);
        years[("Assets:Cash", "FY2003")].ShouldBe(250m);

        var calendarYear = ByAccount(Build(files, "c.journal", journal, new TrialBalanceOptions { Calendar = new FiscalCalendar(12, FiscalYearNaming.EndYear) }));
        calendarYear[("Assets:Cash", "1Q03")].ShouldBe(1000m);
        calendarYear[("Assets:Cash", "2Q03")].ShouldBe(250m);
    }

    [Fact]
    public void Keeps_currencies_apart_and_reads_every_way_of_writing_an_amount()
    {
        using var files = new TestFiles();
        var tb = Build(files, "fx.journal", """
            2003-04-10 Yen in every notation
                Assets:Cash    JPY 1,000
                Assets:Cash    -JPY 400
                Assets:Cash    JPY -100
                Assets:Cash    100 JPY
                Income:Sales   -600 JPY

            2003-04-11 Dollar account funded at a price
                Assets:USD     $100.25 @ JPY 120
                Assets:Cash   -JPY 12,030

            2003-04-12 Conversion written as two commodities
                Assets:USD     USD 10
                Assets:Cash    JPY -1,199

            2003-04-13 Bare numbers take the default currency
                Assets:Cash    5
                Income:Sales   -5
            """);
        var cash = tb.Lines.Where(l => l.Account == "Assets:Cash").ToDictionary(l => l.Currency, l => l.Amount);
        cash["JPY"].ShouldBe(1000m - 400 - 100 + 100 - 12_030 - 1_199 + 5);
        tb.Lines.Single(l => l.Account == "Assets:USD" && l.Currency == "$").Amount.ShouldBe(100.25m);
        tb.Lines.Single(l => l.Account == "Assets:USD" && l.Currency == "USD").Amount.ShouldBe(10m);
    }

    [Fact]
    public void Every_shape_of_posting_line_is_read_the_same_whichever_reader_takes_it()
    {
        // The quick reader takes ACCOUNT  AMOUNT and ACCOUNT alone; trailing blanks, a space in a name, a tab, a
        // status mark, a virtual account or a comment go to the full one. The totals must not tell them apart.
        using var files = new TestFiles();
        var tb = Build(files, "shapes.journal", "2003-04-01 Plain\n"
            + "    Assets:Cash    JPY 1,000\n"
            + "    Income:Sales\n"
            + "\n"
            + "2003-04-01=2003-04-09 Same date, with an auxiliary date; blanks after the account left without amount\n"
            + "    Assets:Cash\tJPY 200   \n"
            + "    Income:Sales   \n"
            + "\n"
            + "2003-04-01 Names with spaces and the amount last\r\n"
            + "    Assets:Petty Cash  30 JPY\r\n"
            + "    Income:Other Sales\r\n"
            + "\r\n"
            + "2003-07-01 * Next quarter, marks and comments\n"
            + "    * Assets:Cash    JPY 4,000.5  ; cleared\n"
            + "    (Memo:Budget)    JPY 99\n"
            + "    Income:Sales    -JPY 4,000.5\n");
        var b = ByAccount(tb);
        b[("Assets:Cash", "1Q03")].ShouldBe(1_200m);
        b[("Income:Sales", "1Q03")].ShouldBe(-1_200m);
        b[("Assets:Petty Cash", "1Q03")].ShouldBe(30m);
        b[("Income:Other Sales", "1Q03")].ShouldBe(-30m);
        b[("Assets:Cash", "2Q03")].ShouldBe(4_000.5m);
        b[("Income:Sales", "2Q03")].ShouldBe(-4_000.5m);
        b[("Memo:Budget", "2Q03")].ShouldBe(99m);
        tb.Postings.ShouldBe(9);
    }

    /// <summary>
    /// Posting lines shorter than 64 bytes are read by the quick reader (bit masks of the line, vector instructions for
    /// the amount); the same lines padded with blanks past 64 bytes are read by the full one. On random journals, the
    /// balances, the counts and every problem reported must be the same.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_posting_lines_are_read_the_same_by_the_quick_and_the_full_reader(bool withMistakes)
    {
        var random = new Random(withMistakes ? 13 : 12);
        string[] accounts = ["Assets:Cash", "Assets:Petty Cash", "Income:Sales", "Expenses:Rent 2003", "(Memo:Budget)", "[Assets:Reserve]", "* Assets:Cash", "! Liabilities:Loans:Bank-1", "Ünïcode:Kontö", "A", "Expenses:Cost:SystemsIntegration:Maintenance"];
        string[] amounts = ["JPY 1,000", "-JPY 1,000", "JPY -12,345,678", "JPY  2,000", "-JPY  3,000", "$-5,000", "JPY 999,999,999,999", "1,000 JPY", "-250 JPY", "¥1,000", "-¥5", "$12.50", "12.5 USD", "1,23,4 JPY", "JPY 1,2345", "JPY 1,000.123456", "JPY 1,000.5", "42", "-7", "JPY 1,000 ; memo", "JPY 10 @ USD 2", "JPY 99999999999999", "\"Some Fund\" 3", "JPYX 7", "JPY 0"];
        string[] mistakes = ["JPY ,123", "JPY 1,000,", "JPY--5", "-JPY -5", "JPY 1..5", "JPY 5 USD", "JPY 1,,000", "JPY"];
        string[] separators = withMistakes ? ["  ", "    ", "\t", " ", "  \t"] : ["  ", "    ", "\t", "  \t"];
        var text = new StringBuilder();
        for (var t = 0; t < 3000; t++)
        {
            text.Append(CultureInfo.InvariantCulture, $"2003-{random.Next(1, 13):00}-{random.Next(1, 29):00} * ({t}) transaction\n");
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                var amount = withMistakes && random.Next(10) == 0 ? mistakes[random.Next(mistakes.Length)] : amounts[random.Next(amounts.Length)];
                text.Append(random.Next(3) == 0 ? "\t" : "    ").Append(accounts[random.Next(accounts.Length)])
                    .Append(separators[random.Next(separators.Length)]).Append(amount).Append('\n');
            }

            text.Append("    Equity:Balancing\n\n"); // takes whatever is left, so that every transaction balances
        }

        var quick = text.ToString();
        var full = string.Join('\n', quick.Split('\n').Select(l => l.Length > 0 && l[0] is ' ' or '\t' ? l.PadRight(70) : l));
        full.Split('\n').Where(l => l.Length > 0 && l[0] is ' ' or '\t').ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) >= 64);
        using var quickFiles = new TestFiles();
        using var fullFiles = new TestFiles();
        var a = Run(quickFiles.Write("random.journal", quick), new TrialBalanceOptions());
        var b = Run(fullFiles.Write("random.journal", full), new TrialBalanceOptions());
        a.Diagnostics.Select(d => d.ToString().Replace(quickFiles.Root, "", StringComparison.Ordinal))
            .ShouldBe(b.Diagnostics.Select(d => d.ToString().Replace(fullFiles.Root, "", StringComparison.Ordinal)));
        if (withMistakes)
        {
            a.Diagnostics.Count.ShouldBeGreaterThan(10);
            return;
        }

        a.Diagnostics.ShouldBeEmpty();
        a.Value!.Lines.ShouldBe(b.Value!.Lines);
        (a.Value.Transactions, a.Value.Postings).ShouldBe((b.Value.Transactions, b.Value.Postings));
        a.Value.Lines.Select(l => l.Account).ShouldContain("Ünïcode:Kontö");
    }

    [Fact]
    public void Parallel_reading_of_parts_gives_the_same_balances_and_line_numbers_as_reading_in_one_piece()
    {
        using var files = new TestFiles();
        var (text, _) = JournalGenerator.Generate(3000, seed: 7, new DateOnly(2002, 4, 1), 456);
        // Break one transaction near the end, so a part other than the first reports it.
        var lines = text.Split('\n').ToList();
        var bad = lines.FindLastIndex(l => l.StartsWith("2003", StringComparison.Ordinal));
        lines[bad] = "2003-02-30 A date that does not exist";
        var path = files.Write("big.journal", string.Join('\n', lines));

        var whole = Run(path, new TrialBalanceOptions { Parallelism = 1 });
        var parts = Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 8 * 1024 });
        whole.Diagnostics.Single().Location!.Value.Line.ShouldBe(bad + 1);
        parts.Diagnostics.Select(d => d.ToString()).ShouldBe(whole.Diagnostics.Select(d => d.ToString()));

        lines[bad] = "2003-03-30 Fixed";
        File.WriteAllText(path, string.Join('\n', lines));
        var a = Run(path, new TrialBalanceOptions { Parallelism = 1 }).Value!;
        var b = Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 8 * 1024 }).Value!;
        b.Lines.ShouldBe(a.Lines);
        b.Postings.ShouldBe(a.Postings);
        b.Transactions.ShouldBe(3000);
    }

    [Fact]
    public void A_block_comment_across_a_part_boundary_is_read_correctly()
    {
        using var files = new TestFiles();
        var (text, expected) = JournalGenerator.Generate(200, seed: 3, new DateOnly(2003, 4, 1), 90);
        var commented = "comment\n" + string.Concat(Enumerable.Repeat("2003-04-01 not a transaction\n    Assets:Cash  JPY 1\n", 2000)) + "end comment\n";
        var path = files.Write("c.journal", commented + text);
        var tb = Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 4096 });
        tb.Diagnostics.ShouldBeEmpty();
        var actual = tb.Value!.Lines.ToDictionary(l => l.Account, l => l.Amount);
        foreach (var ((account, _), v) in expected.GroupBy(e => e.Key.Account).ToDictionary(g => (g.Key, 0), g => g.Sum(e => e.Value)))
        {
            if (v != 0)
            {
                actual[account].ShouldBe(v);
            }
        }
    }

    [Fact]
    public void A_file_read_again_in_one_piece_leaves_the_other_files_counted_once()
    {
        using var files = new TestFiles();
        var commented = "comment\n" + string.Concat(Enumerable.Repeat("2003-04-01 not a transaction\n    Assets:Cash  JPY 1\n", 2000)) + "end comment\n";
        var first = files.Write("a.journal", commented + "2003-04-02 sale\n    Assets:Cash  JPY 100\n    Income:Sales\n");
        var second = files.Write("b.journal", string.Concat(Enumerable.Repeat("2003-04-03 sale\n    Assets:Cash  JPY 7\n    Income:Sales\n\n", 3000)));
        var tb = TrialBalanceBuilder.Build([LedgerInput.For(first), LedgerInput.For(second)], new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 4096 }, cancel: TestContext.Current.CancellationToken);
        tb.Diagnostics.ShouldBeEmpty();
        tb.Value!.Lines.Where(l => l.Account == "Assets:Cash").Select(l => (l.Entity, l.Amount)).ShouldBe([("a", 100m), ("b", 21_000m)]);
        tb.Value.Transactions.ShouldBe(3001);
    }

    [Fact]
    public void Generated_journals_total_to_the_generator_s_own_sums() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    using var files = new TestFiles();
                    var (text, expected) = JournalGenerator.Generate(40, seed, new DateOnly(2002, 4, 1), 456);
                    var path = files.Write("p.journal", text);
                    var tb = Run(path, new TrialBalanceOptions()).Value!;
                    var actual = tb.Lines.ToDictionary(l => (l.Account, l.Period.Dates.Start!.Value), l => l.Amount);
                    return expected.Where(e => e.Value != 0).All(e => actual.TryGetValue(e.Key, out var v) && v == e.Value)
                        && actual.Count == expected.Count(e => e.Value != 0);
                })
            .QuickCheckThrowOnFailure();
}
