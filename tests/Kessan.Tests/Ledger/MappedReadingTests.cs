using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>
/// A large part of a ledger is read from the file mapped into memory rather than through a buffer: the same lines,
/// totals and problems (with their line numbers), whatever the windows the mapping is read in and wherever the parts
/// and windows cut the lines.
/// </summary>
public class MappedReadingTests
{
    private static string Describe(string path, TrialBalanceOptions options) => ParallelCsvTests.Describe(TrialBalanceTests.Run(path, options));

    /// <summary>A generated journal with the lines that take the slow paths: a bad date, bytes that are not UTF-8, CRLF endings, a long comment, an account alone.</summary>
    private static byte[] Journal(int seed)
    {
        var random = new Random(seed);
        var (text, _) = JournalGenerator.Generate(150, seed, new DateOnly(2002, 4, 1), 400);
        var lines = text.Split('\n').ToList();
        for (var k = 0; k < 4; k++)
        {
            var at = random.Next(lines.Count);
            lines.Insert(at, random.Next(4) switch
            {
                0 => "2003-02-30 * a date that is not",
                1 => "; " + new string('x', random.Next(50, 3000)),
                2 => "; caf\u00E9 \uFFFD",
                _ => "    ; a note",
            });
        }

        var joined = string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
        var bytes = Encoding.UTF8.GetBytes(joined).ToList();
        if (random.Next(2) == 0)
        {
            bytes.Insert(random.Next(bytes.Count), 0xFF); // not UTF-8: reported at its line
        }

        if (random.Next(3) == 0)
        {
            bytes.InsertRange(0, [0xEF, 0xBB, 0xBF]); // a byte order mark
        }

        return [.. bytes];
    }

    [Fact]
    public void Journals_read_mapped_total_as_read_through_a_buffer() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    var random = new Random(seed);
                    using var files = new TestFiles();
                    var path = files.Write("ledger.journal", "");
                    File.WriteAllBytes(path, Journal(seed));
                    var buffered = Describe(path, new TrialBalanceOptions { Parallelism = 1, MapBytes = long.MaxValue });
                    var window = random.Next(64, 5000);
                    var mapped = Describe(path, new TrialBalanceOptions { Parallelism = 1, MapBytes = 0, MapWindowBytes = window });
                    var parts = Describe(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = random.Next(300, 9000), MapBytes = 0, MapWindowBytes = window });
                    return buffered.Contains("transactions", StringComparison.Ordinal) && mapped == buffered && parts == buffered;
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Csv_ledgers_read_mapped_total_as_read_through_a_buffer() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    var random = new Random(seed);
                    using var files = new TestFiles();
                    var path = files.Write("group.csv", ParallelCsvTests.Generate(200, seed, treacherous: true));
                    var buffered = Describe(path, new TrialBalanceOptions { Parallelism = 1, MapBytes = long.MaxValue });
                    var mapped = Describe(path, new TrialBalanceOptions { Parallelism = 1, MapBytes = 0, MapWindowBytes = random.Next(64, 5000) });
                    return buffered.Contains("200 transactions", StringComparison.Ordinal) && mapped == buffered;
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_line_longer_than_the_window_is_read_whole()
    {
        using var files = new TestFiles();
        var path = files.Write("long.journal", "2003-04-01 * sale ; " + new string('n', 10_000) + "\n    Assets:Cash    JPY 1,000\n    Income:Sales\n");
        var buffered = Describe(path, new TrialBalanceOptions { Parallelism = 1, MapBytes = long.MaxValue });
        Describe(path, new TrialBalanceOptions { Parallelism = 1, MapBytes = 0, MapWindowBytes = 100 }).ShouldBe(buffered);
        buffered.ShouldContain("Assets:Cash|");
    }
}
