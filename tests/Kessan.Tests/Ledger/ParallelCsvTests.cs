using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>CSV ledgers split into parts read in parallel total exactly as when read in one piece.</summary>
public class ParallelCsvTests
{
    private static readonly string[] Accounts = ["Assets:Cash", "Assets:Receivable", "Income:Sales", "Expenses:Rent", "Liabilities:Payable"];
    private static readonly string[] Entities = ["IIJ", "IIJ Technology", "Crosswave"];

    /// <summary>
    /// A seeded CSV ledger of balanced transactions whose memos hold commas, doubled quotes and newlines, some of
    /// them followed by text that looks like a whole row, so that a part boundary may be tried inside a quoted cell.
    /// </summary>
    internal static string Generate(int transactions, int seed, bool treacherous)
    {
        var random = new Random(seed);
        var text = new StringBuilder("date,transaction id,entity,account,amount,currency,memo\n");
        for (var t = 0; t < transactions; t++)
        {
            var date = new DateOnly(2002, 4, 1).AddDays(random.Next(730)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var entity = Entities[random.Next(Entities.Length)];
            var rows = random.Next(2, 5);
            long balance = 0;
            for (var r = 0; r < rows; r++)
            {
                var amount = r == rows - 1 ? -balance : random.Next(-500_000, 500_000);
                balance += amount;
                var memo = random.Next(6) switch
                {
                    0 => "",
                    1 => "\"rent, April\"",
                    2 => "\"a \"\"quoted\"\" word\"",
                    3 => "\"two\nlines\"",
                    4 when treacherous => $"\"see\n{date},T{t + 1},{entity},Assets:Cash,5,JPY,\n{date},T{t + 2},{entity},Assets:Cash,-5,JPY,\nabove\"",
                    _ => "plain",
                };
                var amountText = random.Next(3) == 0 ? $"\"{amount.ToString("#,0", CultureInfo.InvariantCulture)}\"" : amount.ToString(CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{date},T{t},{entity},{Accounts[random.Next(Accounts.Length)]},{amountText},JPY,{memo}\n");
            }
        }

        return text.ToString();
    }

    internal static string Describe(Kessan.Diagnostics.Result<TrialBalance> result) =>
        string.Join("\n", result.Diagnostics) + "\n" + string.Join("\n", result.Value?.Lines.Select(l => $"{l.Entity}|{l.Account}|{l.Period}|{l.Amount}|{l.Currency}") ?? [])
        + $"\n{result.Value?.Transactions} transactions, {result.Value?.Postings} postings";

    [Fact]
    public void Parts_read_in_parallel_total_as_one_piece() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                ArbMap.Default.ArbFor<bool>(),
                (seed, treacherous) =>
                {
                    // Parts of 256 bytes to 8 KB, read by two to four threads.
                    var chunk = new[] { 256, 700, 2048, 8192 }[(seed & 0x7FFF_FFFF) % 4];
                    var jobs = 2 + ((seed & 0x7FFF_FFFF) / 4 % 3);
                    using var files = new TestFiles();
                    var path = files.Write("group.csv", Generate(300, seed, treacherous));
                    var one = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 1 });
                    var parts = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = jobs, ChunkBytes = chunk });
                    return one.Diagnostics.Count == 0 && one.Value!.Transactions == 300 && Describe(parts) == Describe(one);
                })
            .QuickCheckThrowOnFailure();

    /// <summary>
    /// Rows without a quote are split by a faster path than rows with one, and plain amounts read by a faster path
    /// than amounts with commas, parentheses or a plus: a ledger whose every cell is quoted, its amounts written that
    /// way, totals as the same ledger with no quotes and plain amounts, whatever the cells' lengths (rows of 20 to 300 bytes, cells across the
    /// 32-byte blocks the fast path reads), entities and currencies changing from row to row, and blank cells.
    /// </summary>
    [Fact]
    public void Rows_with_and_without_quotes_total_alike() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    var random = new Random(seed);
                    var plain = new StringBuilder("date,transaction id,entity,account,amount,currency,memo\n");
                    var quoted = new StringBuilder("date,transaction id,entity,account,amount,currency,memo\n");
                    string[] currencies = ["JPY", "USD", "EUR"];
                    for (var t = 0; t < 60; t++)
                    {
                        var date = new DateOnly(2002, 4, 1).AddDays(random.Next(730)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        var entity = random.Next(4) == 0 ? "" : Entities[random.Next(Entities.Length)] + new string('x', random.Next(40));
                        var currency = currencies[random.Next(currencies.Length)];
                        var places = random.Next(3);
                        var amount = random.Next(-500_000, 500_000) / (places == 0 ? 1m : 100m);
                        foreach (var (sign, r) in new[] { (1, 0), (-1, 1) })
                        {
                            var account = Accounts[random.Next(Accounts.Length)] + ":" + new string('a', random.Next(90));
                            var memo = random.Next(3) == 0 ? "" : new string('m', random.Next(120));
                            // The same amount as a plain number, and (with quotes) with thousands commas, a plus or
                            // parentheses: the quickest reader of amounts and the full one must agree.
                            var value = sign * amount;
                            var grouped = Math.Abs(value).ToString("N" + places, CultureInfo.InvariantCulture);
                            string[] cells = [date, $"T{t}", entity, account, value.ToString("F" + places, CultureInfo.InvariantCulture), currency, memo];
                            plain.AppendJoin(',', cells).Append('\n');
                            cells[4] = value < 0 ? $"({grouped})" : $"+{grouped}";
                            quoted.AppendJoin(',', cells.Select(c => $"\"{c}\"")).Append('\n');
                        }
                    }

                    // One file name in two folders: rows without an entity belong to the entity named after the file.
                    using var plainFiles = new TestFiles();
                    using var quotedFiles = new TestFiles();
                    var a = TrialBalanceTests.Run(plainFiles.Write("ledger.csv", plain.ToString()), new TrialBalanceOptions { Parallelism = 1 });
                    var b = TrialBalanceTests.Run(quotedFiles.Write("ledger.csv", quoted.ToString()), new TrialBalanceOptions { Parallelism = 1 });
                    return a.Diagnostics.Count == 0 && a.Value!.Transactions == 60 && Describe(a) == Describe(b);
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_file_is_split_into_parts_and_its_problems_keep_their_lines()
    {
        using var files = new TestFiles();
        var lines = Generate(2000, seed: 5, treacherous: false).Split('\n').ToList();
        var bad = lines.FindLastIndex(l => l.StartsWith("2003-", StringComparison.Ordinal) && l.EndsWith(",plain", StringComparison.Ordinal));
        lines[bad] = lines[bad].Replace("2003-", "2003-13", StringComparison.Ordinal);
        var path = files.Write("group.csv", string.Join('\n', lines));
        var one = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 1 });
        var parts = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 4096 });
        one.Diagnostics.ShouldHaveSingleItem().Location!.Value.Line.ShouldBe(bad + 1);
        Describe(parts).ShouldBe(Describe(one));

        lines[bad] = lines[bad].Replace("2003-13", "2003-", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join('\n', lines));
        var progress = new ReadProgress();
        var split = TrialBalanceBuilder.Build([LedgerInput.For(path)], new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 4096 }, progress, TestContext.Current.CancellationToken);
        Describe(split).ShouldBe(Describe(TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 1 })));
        split.Value!.Parts.ShouldBeGreaterThan(2);
        progress.BytesRead.ShouldBe(new FileInfo(path).Length); // read once: no part made it read again in one piece
    }

    [Fact]
    public void A_header_with_a_quoted_newline_is_given_to_every_part()
    {
        using var files = new TestFiles();
        var text = Generate(1000, seed: 9, treacherous: false).Replace("date,transaction id,", "date,\"transaction\nid\",", StringComparison.Ordinal);
        var path = files.Write("group.csv", text);
        var columns = CsvColumns.Default.With("transaction", "transaction\nid")!;
        var one = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 1, Columns = columns });
        var parts = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 2048, Columns = columns });
        one.Diagnostics.ShouldBeEmpty(string.Join("\n", one.Diagnostics));
        one.Value!.Transactions.ShouldBe(1000);
        Describe(parts).ShouldBe(Describe(one));
    }

    /// <summary>Dates read before are recognised by their bytes: a date one character from one already read is still read, and checked.</summary>
    [Fact]
    public void A_date_one_character_from_one_read_before_is_read_for_itself()
    {
        using var files = new TestFiles();
        var path = files.Write("dates.csv", """
            date,transaction id,account,amount
            2003-02-28,T1,Assets:Cash,100
            2003-02-28,T1,Income:Sales,-100
            2003-02-29,T2,Assets:Cash,200
            2003-02-29,T2,Income:Sales,-200
            2003-03-28,T3,Assets:Cash,300
            2003-03-28,T3,Income:Sales,-300
            2004-02-29,T4,Assets:Cash,400
            2004-02-29,T4,Income:Sales,-400
            """);
        var result = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 1 });
        result.Diagnostics.Select(d => (d.Code, d.Location!.Value.Line)).ShouldBe([("csv.bad-date", 4), ("csv.bad-date", 5)]);
    }
}
