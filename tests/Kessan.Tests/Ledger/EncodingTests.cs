using System.Globalization;
using System.Text;
using Kessan.Cli;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>Ledgers are read as UTF-8 and nothing else: other encodings and binary files are problems, never guessed.</summary>
public class EncodingTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private static string WriteBytes(TestFiles files, string name, byte[] bytes)
    {
        var path = Path.Combine(files.Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_latin_1_journal_is_reported_once_at_its_first_bad_line_column_and_byte_and_never_totalled()
    {
        using var files = new TestFiles();
        var path = WriteBytes(files, "latin1.journal", Latin1.GetBytes(
            "2003-04-01 sale\n    Assets:Cash  JPY 100\n    Income:Café\n\n2003-04-02 sale\n    Assets:Cash  JPY 50\n    Income:Cafè\n"));
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions());
        tb.Value.ShouldBeNull(); // Café and Cafè would both be "Caf\uFFFD": one account
        tb.Diagnostics.Select(d => d.ToString()).ShouldBe(
        [
            $"{path}:3:15: error ledger.invalid-utf8: This line is not UTF-8 text: the byte 0xE9 at column 15 is not a character in UTF-8 (was the file saved as Latin-1, Windows-1252 or Shift-JIS?). Save the file as UTF-8, or name its encoding with --encoding (for example --encoding shift_jis); Kessan does not guess an encoding, so that two different names are never read as one. 1 more line is not UTF-8 either (line 7).",
        ]);

        // Named with --encoding, the same file is read: Café and Cafè are two accounts.
        TrialBalanceTests.Run(path, new TrialBalanceOptions { Encoding = Kessan.Diagnostics.TextInput.EncodingNamed("latin1").Value }).Value!.Lines
            .Select(l => l.Account).ShouldBe(["Assets:Cash", "Income:Cafè", "Income:Café"]);

        // The same names in UTF-8 (with a byte order mark) are two accounts.
        File.WriteAllText(path, Latin1.GetString(File.ReadAllBytes(path)), new UTF8Encoding(true));
        TrialBalanceTests.Run(path, new TrialBalanceOptions()).Value!.Lines.Select(l => l.Account).ShouldBe(["Assets:Cash", "Income:Cafè", "Income:Café"]);
    }

    /// <summary>
    /// The journal reader checks the text as it finds the lines, 64 bytes at a time: a valid name in UTF-8 deep in a
    /// large file is read, and bytes that are not UTF-8 after it, in the same buffer or megabytes later, are reported at
    /// their lines, read in one piece or in parallel parts.
    /// </summary>
    [Fact]
    public void Bytes_that_are_not_utf_8_deep_in_a_large_journal_are_reported_at_their_lines()
    {
        using var files = new TestFiles();
        var text = new List<byte>();
        var line = 0;
        void Add(string s, byte[]? raw = null)
        {
            text.AddRange(Encoding.UTF8.GetBytes(s));
            text.AddRange(raw ?? []);
            text.Add((byte)'\n');
            line++;
        }

        void Transactions(int n)
        {
            for (var i = 0; i < n; i++)
            {
                Add("2003-04-01 * sale");
                Add("    Assets:Cash    JPY 1,000");
                Add("    Income:Sales");
                Add("");
            }
        }

        Transactions(3000);
        Add("2003-04-02 * café");
        Add("    Income:Café    JPY -5"); // UTF-8: read
        Add("    Assets:Cash");
        Add("");
        Transactions(10);
        Add("2003-04-03 * bad");
        Add("    Income:Caf", [0xE9, (byte)' ', (byte)' ', (byte)'5']); // Latin-1
        var first = line;
        Add("    Assets:Cash");
        Add("");
        Transactions(30_000);
        Add("2003-04-04 * bad again");
        Add("    Income:Caf", [0xE8, (byte)' ', (byte)' ', (byte)'5']);
        var second = line;
        Add("    Assets:Cash");
        Add("");
        Transactions(100);
        var path = WriteBytes(files, "deep.journal", [.. text]);

        foreach (var options in new[] { new TrialBalanceOptions { Parallelism = 1 }, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 64 * 1024 } })
        {
            var tb = TrialBalanceTests.Run(path, options);
            tb.Value.ShouldBeNull();
            var problem = tb.Diagnostics.ShouldHaveSingleItem();
            problem.Code.ShouldBe("ledger.invalid-utf8");
            problem.Location!.Value.Line.ShouldBe(first);
            problem.Location!.Value.Column.ShouldBe(15);
            problem.Message.ShouldEndWith($"1 more line is not UTF-8 either (line {second}).");
        }

        // Without the two bad lines, everything is read, the name in UTF-8 too.
        var good = Encoding.UTF8.GetString([.. text]).Replace("Caf\uFFFD", "Cafe", StringComparison.Ordinal);
        var fixedPath = files.Write("fixed.journal", good);
        var fixedTb = TrialBalanceTests.Run(fixedPath, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 64 * 1024 });
        fixedTb.Diagnostics.ShouldBeEmpty();
        fixedTb.Value!.Lines.Single(l => l.Account == "Income:Café").Amount.ShouldBe(-5m);
        fixedTb.Value.Lines.Single(l => l.Account == "Income:Cafe").Amount.ShouldBe(10m);
    }

    [Fact]
    public void A_shift_jis_journal_read_with_encoding_shift_jis_is_totalled_by_its_japanese_names()
    {
        using var files = new TestFiles();
        var sjis = Kessan.Diagnostics.TextInput.EncodingNamed("shift_jis").Value!;
        var path = WriteBytes(files, "honsha.journal", sjis.GetBytes("2003-04-01 * 売上\n    資産:現金    JPY 1,000\n    収益:売上\n"));
        var options = new TrialBalanceOptions { Encoding = Kessan.Diagnostics.TextInput.EncodingNamed("shift_jis").Value };
        var tb = TrialBalanceTests.Run(path, options);
        tb.Diagnostics.ShouldBeEmpty();
        tb.Value!.Lines.Select(l => (l.Entity, l.Account, l.Amount)).ShouldBe([("honsha", "収益:売上", -1000m), ("honsha", "資産:現金", 1000m)]);
    }

    [Fact]
    public void A_byte_not_valid_in_the_encoding_given_is_one_problem_at_its_line_and_column_in_characters()
    {
        using var files = new TestFiles();
        var sjis = Kessan.Diagnostics.TextInput.EncodingNamed("shift_jis").Value!;
        byte[] bytes = [.. sjis.GetBytes("2003-04-01 * 売上\n    資産:現金"), 0x81, 0x20, .. sjis.GetBytes("    JPY 1,000\n    収益:売上\n")];
        var path = WriteBytes(files, "honsha.journal", bytes);
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions { Encoding = Kessan.Diagnostics.TextInput.EncodingNamed("sjis").Value });
        tb.Value.ShouldBeNull();
        var problem = tb.Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("input.bad-encoding");
        problem.Location.ShouldBe(new Kessan.Diagnostics.SourceLocation(path, 2, 10)); // four blanks and 資産:現金 are nine characters
        problem.Message.ShouldStartWith("the byte 0x81 is not valid shift_jis");
    }

    [Fact]
    public void A_bad_byte_past_the_first_megabyte_of_a_shift_jis_file_is_reported_at_its_own_line()
    {
        using var files = new TestFiles();
        var sjis = Kessan.Diagnostics.TextInput.EncodingNamed("shift_jis").Value!;
        var text = new StringBuilder();
        for (var i = 0; i < 40_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"2003-04-01 * 売上 {i}\n    資産:現金    JPY 1,000\n    収益:売上\n\n");
        }

        byte[] bytes = [.. sjis.GetBytes(text.ToString()), .. sjis.GetBytes("; 備考 "), 0x81, 0x0A];
        bytes.Length.ShouldBeGreaterThan(2 << 20); // the file is copied a megabyte at a time
        var path = WriteBytes(files, "big.journal", bytes);
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions { Encoding = sjis });
        var problem = tb.Diagnostics.ShouldHaveSingleItem();
        problem.Location.ShouldBe(new Kessan.Diagnostics.SourceLocation(path, 160_001, 6));
        problem.Message.ShouldStartWith("the byte 0x81 is not valid shift_jis");
    }

    [Fact]
    public void A_whole_file_read_in_shift_jis_names_a_bad_byte_at_its_line_and_column_in_characters()
    {
        var sjis = Kessan.Diagnostics.TextInput.EncodingNamed("shift_jis").Value!;
        byte[] bytes = [.. sjis.GetBytes("concept,period\n売上高,1Q03 "), 0x81, 0x20];
        var read = Kessan.Diagnostics.TextInput.Decode(bytes, "facts.csv", sjis);
        read.Value.ShouldBeNull();
        var problem = read.Diagnostics.ShouldHaveSingleItem();
        problem.Location.ShouldBe(new Kessan.Diagnostics.SourceLocation("facts.csv", 2, 10));
        problem.Message.ShouldStartWith("the byte 0x81 is not valid shift_jis");
        Kessan.Diagnostics.TextInput.Decode(bytes[..^2], "facts.csv", sjis).Value.ShouldBe("concept,period\n売上高,1Q03 ");
    }

    [Fact]
    public void A_file_with_a_utf8_byte_order_mark_is_utf8_whatever_encoding_is_given()
    {
        using var files = new TestFiles();
        var path = Path.Combine(files.Root, "bom.journal");
        File.WriteAllText(path, "2003-04-01 * sale\n    Assets:Café    JPY 1,000\n    Income:Sales\n", new UTF8Encoding(true));
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions { Encoding = Kessan.Diagnostics.TextInput.EncodingNamed("shift_jis").Value });
        tb.Diagnostics.ShouldBeEmpty();
        tb.Value!.Lines.Select(l => l.Account).ShouldBe(["Assets:Café", "Income:Sales"]);
    }

    [Theory]
    [InlineData("shift_jis", 932)]
    [InlineData("Shift-JIS", 932)]
    [InlineData("cp932", 932)]
    [InlineData("SJIS", 932)]
    [InlineData("euc-jp", 51932)]
    [InlineData("latin1", 28591)]
    [InlineData("ISO-8859-1", 28591)]
    [InlineData("cp1252", 1252)]
    [InlineData("utf-8", 65001)]
    [InlineData("", 65001)]
    public void Encodings_are_known_by_their_usual_names(string name, int codePage) =>
        Kessan.Diagnostics.TextInput.EncodingNamed(name).Value!.CodePage.ShouldBe(codePage);

    [Theory]
    [InlineData("klingon")]
    [InlineData("utf-16")]
    [InlineData("ibm037")]
    public void An_encoding_kessan_does_not_read_is_input_unknown_encoding_listing_those_it_reads(string name)
    {
        var named = Kessan.Diagnostics.TextInput.EncodingNamed(name);
        named.Value.ShouldBeNull();
        var problem = named.Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("input.unknown-encoding");
        problem.Message.ShouldContain("utf-8, shift_jis, euc-jp, iso-8859-1, windows-1252");
    }

    [Fact]
    public void The_column_counts_characters_before_the_bad_byte()
    {
        LineReader.FirstInvalid("決算 "u8.ToArray().Concat(new byte[] { 0xFF, (byte)'x' }).ToArray()).ShouldBe((4, "the byte 0xFF"));
        LineReader.FirstInvalid(new byte[] { (byte)'a', 0xE3, 0x81 }).Column.ShouldBe(2); // a character cut short
    }

    [Fact]
    public void A_shift_jis_csv_ledger_is_reported_as_csv_invalid_utf8()
    {
        using var files = new TestFiles();
        var sjis = new byte[] { 0x8C, 0x88, 0x8E, 0x5A }; // 決算 in Shift-JIS
        var text = Encoding.ASCII.GetBytes("date,transaction,account,amount\n2003-04-01,1,Assets:Cash,100\n2003-04-01,1,")
            .Concat(sjis).Concat(Encoding.ASCII.GetBytes(",-100\n")).ToArray();
        var path = WriteBytes(files, "sjis.csv", text);
        var problem = TrialBalanceTests.Run(path, new TrialBalanceOptions()).Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("csv.invalid-utf8");
        problem.Location.ShouldBe(new Kessan.Diagnostics.SourceLocation(path, 3, 14));
        problem.Message.ShouldContain("0x8C");
    }

    [Fact]
    public void A_bad_byte_in_a_later_part_of_a_large_file_is_reported_at_its_line()
    {
        using var files = new TestFiles();
        var (text, _) = JournalGenerator.Generate(3000, seed: 11, new DateOnly(2002, 4, 1), 456);
        var lines = text.Split('\n');
        var bad = lines.Length - 40;
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines[..bad]) + "\n    ; caf").Concat(new byte[] { 0xE9 })
            .Concat(Encoding.UTF8.GetBytes("\n" + string.Join('\n', lines[bad..]))).ToArray();
        var path = WriteBytes(files, "big.journal", bytes);
        var one = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 1 });
        var parts = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 8 * 1024 });
        one.Diagnostics.ShouldHaveSingleItem().Location.ShouldBe(new Kessan.Diagnostics.SourceLocation(path, bad + 1, 10));
        parts.Diagnostics.Select(d => d.ToString()).ShouldBe(one.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("book.journal", "ledger.binary-file")]
    [InlineData("book.csv", "csv.binary-file")]
    public void A_binary_file_is_one_problem_and_no_raw_bytes_are_shown(string name, string code)
    {
        using var files = new TestFiles();
        // The start of an .xlsx workbook (a zip archive), then lines of control characters and text.
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x1B, 0x5B, 0x33, 0x31, 0x6D }
            .Concat(Enumerable.Range(0, 400).SelectMany(i => Encoding.ASCII.GetBytes($"\x01\x02 line {i}\n\x1b[2J"))).ToArray();
        var path = WriteBytes(files, name, bytes);
        var (exit, stdout, stderr) = Cli.Run("trial-balance", path);
        exit.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith($"{path}: error {code}: This file is not UTF-8 text: it holds NUL bytes");
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2); // the problem and the count
        stderr.ShouldNotContain('\x1b');
        stderr.Where(c => c < ' ' && c != '\n').ShouldBeEmpty();
    }

    [Fact]
    public void Control_characters_in_a_quoted_line_are_shown_as_codes()
    {
        using var files = new TestFiles();
        var path = files.Write("ctl.journal", "2003-04-01 x\n    A  JPY 1\n    B\n\x1b[31mred\x07\tline\n");
        var (exit, _, stderr) = Cli.Run("trial-balance", path);
        exit.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain("\"\\x1B[31mred\\x07\tline\"");
        stderr.ShouldNotContain('\x1b');
    }

    [Fact]
    public void The_count_of_problems_includes_those_not_listed()
    {
        using var files = new TestFiles();
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"2003-04-{(i % 28) + 1:00} x\n    A  JPY 1\n    B  JPY 1\n\n"));
        var path = files.Write("many.journal", text);
        var (exit, _, stderr) = Cli.Run("trial-balance", path);
        exit.ShouldBe(ExitCodes.BadInput);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[^2].ShouldBe("error ledger.more-problems: … and 4,000 more problems like the ones above, not listed one by one.");
        lines[^1].ShouldBe("kessan trial-balance: 5,000 problems in the input; nothing was written.");
    }
}
