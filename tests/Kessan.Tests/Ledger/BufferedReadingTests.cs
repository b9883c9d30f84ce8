using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>
/// A ledger is read through a buffer of 256 KB: the same lines, totals and problems (with their line numbers), whatever
/// the buffer's size and wherever the parts and the buffer cut the lines (a line longer than the buffer grows it).
/// </summary>
public class BufferedReadingTests
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
    public void Journals_read_through_any_buffer_total_as_read_through_the_default_one() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    var random = new Random(seed);
                    using var files = new TestFiles();
                    var path = files.Write("ledger.journal", "");
                    File.WriteAllBytes(path, Journal(seed));
                    var whole = Describe(path, new TrialBalanceOptions { Parallelism = 1 });
                    var size = random.Next(16, 5000);
                    var small = Describe(path, new TrialBalanceOptions { Parallelism = 1, BufferBytes = size });
                    var parts = Describe(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = random.Next(300, 9000), BufferBytes = size });
                    return whole.Contains("transactions", StringComparison.Ordinal) && small == whole && parts == whole;
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Csv_ledgers_read_through_any_buffer_total_as_read_through_the_default_one() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    var random = new Random(seed);
                    using var files = new TestFiles();
                    var path = files.Write("group.csv", ParallelCsvTests.Generate(200, seed, treacherous: true));
                    var whole = Describe(path, new TrialBalanceOptions { Parallelism = 1 });
                    var small = Describe(path, new TrialBalanceOptions { Parallelism = 1, BufferBytes = random.Next(16, 5000) });
                    return whole.Contains("200 transactions", StringComparison.Ordinal) && small == whole;
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_line_longer_than_the_buffer_is_read_whole()
    {
        using var files = new TestFiles();
        var path = files.Write("long.journal", "2003-04-01 * sale ; " + new string('n', 10_000) + "\n    Assets:Cash    JPY 1,000\n    Income:Sales\n");
        var whole = Describe(path, new TrialBalanceOptions { Parallelism = 1 });
        Describe(path, new TrialBalanceOptions { Parallelism = 1, BufferBytes = 100 }).ShouldBe(whole);
        whole.ShouldContain("Assets:Cash|");
    }

    [Fact]
    public void A_file_shorter_than_when_reading_began_is_an_error_not_the_totals_of_part_of_it()
    {
        // As when another program cuts the file while it is read: the part's end, taken from the file's length before,
        // lies past the bytes there are now.
        using var files = new TestFiles();
        var path = files.Write("cut.journal", "2003-04-01 * sale\n    Assets:Cash    JPY 1,000\n    Income:Sales\n");
        using var handle = File.OpenHandle(path);
        var reader = new JournalChunkReader(new ChunkAccumulator(10), new TrialBalanceOptions(), "", firstPart: true, lastPart: true);
        var length = new FileInfo(path).Length;
        var e = Should.Throw<IOException>(() => reader.ReadRange(handle, path, 0, length + 4096, null, default, bufferBytes: 32));
        e.Message.ShouldBe($"{path}: the file ends at byte {length:N0}, before the {length + 4096:N0} bytes it had when reading began: another program changed it while it was being read; read it again once that program has finished");
    }
}
