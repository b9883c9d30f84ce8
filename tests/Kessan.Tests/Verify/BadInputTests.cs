using System.Text;
using Kessan.Cli;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>Unusable or odd input gives a clear message or findings, exit 2 when nothing can be read; never a crash or a hang.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kessan-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static Diagnostic Single(FileReport report) => report.Findings.ShouldHaveSingleItem();

    [Fact]
    public void Empty_file()
    {
        var path = Write("empty.txt", []);
        var report = Verifier.VerifyFile(path);
        report.Unusable.ShouldBeTrue();
        Single(report).Code.ShouldBe(FindingCodes.EmptyInput);
        SeedTests.Cli("verify", path).Code.ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public void Blank_file_is_empty_too()
    {
        Single(Verifier.VerifyFile(Write("blank.txt", "  \n\n\t\n"u8.ToArray()))).Code.ShouldBe(FindingCodes.EmptyInput);
    }

    [Fact]
    public void Binary_file()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var path = Write("release.pdf", bytes);
        var report = Verifier.VerifyFile(path);
        report.Unusable.ShouldBeTrue();
        Single(report).Code.ShouldBe(FindingCodes.BinaryInput);
        SeedTests.Cli("verify", path).Code.ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public void Shift_jis_file_is_not_utf8()
    {
        // "売上高\t100" in Shift-JIS, on line 2.
        byte[] bytes = [.. "Title\n"u8.ToArray(), 0x94, 0x84, 0x8F, 0xE3, 0x8D, 0x82, 0x09, 0x31, 0x30, 0x30, 0x0A];
        var report = Verifier.VerifyFile(Write("sjis.txt", bytes));
        var f = Single(report);
        f.Code.ShouldBe(FindingCodes.NotUtf8);
        f.Line.ShouldBe(2);
        f.Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void A_100_MB_file_is_rejected_quickly_without_reading_it()
    {
        var path = Path.Combine(_dir, "huge.txt");
        using (var fs = new FileStream(path, FileMode.Create))
        {
            fs.SetLength(100L * 1024 * 1024);
        }

        var (code, output, _) = SeedTests.Cli("verify", path);
        code.ShouldBe(ExitCodes.BadInput);
        output.ShouldContain(FindingCodes.TooLarge);
        output.ShouldContain("100 MB");
    }

    [Fact]
    public void One_enormous_line_finishes()
    {
        var line = string.Concat(Enumerable.Repeat("1,234 increased 5.5% JPY 3 million in 1Q03 ", 100_000));
        var report = Verifier.VerifyText("line.txt", line);
        report.Findings.ShouldContain(f => f.Code == FindingCodes.NoTables);
    }

    [Fact]
    public void Ragged_table_is_a_warning_not_a_crash()
    {
        const string text = "Table 1. Revenues (JPY in millions)\n\n\t1Q03\t1Q02\nA\t1\t2\nB\t3\t4\t99\t100\nTotal\t4\t6\nShort\n";
        var report = Verifier.VerifyText("ragged.txt", text);
        report.Findings.ShouldContain(f => f.Code == FindingCodes.RaggedRow && f.Line == 5);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Table_without_numbers_is_reported()
    {
        const string text = "Table 1. Names\n\nName\tRole\nAkari Sato\tIR\nHiroaki Tsuno\tIR\n";
        var report = Verifier.VerifyText("names.txt", text);
        report.Findings.ShouldContain(f => f.Code == FindingCodes.NoTables);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Plain_text_without_tables_exits_0_with_a_warning()
    {
        var path = Write("letter.txt", "Dear shareholders, thank you.\n"u8.ToArray());
        var (code, output, _) = SeedTests.Cli("verify", path);
        code.ShouldBe(ExitCodes.Ok);
        output.ShouldContain(FindingCodes.NoTables);
    }
}
