using System.Diagnostics;
using System.Globalization;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>
/// Kessan's trial balance agrees to the yen with ledger-cli's <c>bal</c> on a generated journal, quarter by quarter.
/// Needs the <c>ledger</c> program (Debian package <c>ledger</c>); skipped with a message when it is not installed.
/// </summary>
public class LedgerCliAgreementTests
{
    [Fact]
    public void Quarterly_balances_match_ledger_cli_bal_to_the_yen()
    {
        var ledger = FindOnPath("ledger");
        Assert.SkipWhen(ledger is null, "ledger-cli is not installed (apt-get install ledger); the agreement test needs it.");

        using var files = new TestFiles();
        var (text, _) = JournalGenerator.Generate(2000, seed: 2003, new DateOnly(2002, 4, 1), 456);
        var path = files.Write("group.journal", text);
        var tb = TrialBalanceTests.Run(path, new TrialBalanceOptions { Parallelism = 2, ChunkBytes = 16 * 1024 });
        tb.Diagnostics.ShouldBeEmpty();

        var compared = 0;
        foreach (var period in tb.Value!.Periods)
        {
            var begin = period.Dates.Start!.Value;
            var end = period.Dates.End.AddDays(1);
            var theirs = LedgerBal(ledger!, path, begin, end);
            var ours = tb.Value.Lines.Where(l => l.Period == period).ToDictionary(l => l.Account, l => l.Amount);
            ours.ShouldBe(theirs, $"balances for {period.Label}");
            compared += ours.Count;
        }

        var whole = LedgerBal(ledger!, path, null, null);
        var ourWhole = tb.Value.Lines.GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount)).Where(kv => kv.Value != 0).ToDictionary();
        ourWhole.ShouldBe(whole);
        compared.ShouldBeGreaterThan(40);
    }

    private static Dictionary<string, decimal> LedgerBal(string ledger, string journal, DateOnly? begin, DateOnly? end)
    {
        var args = new List<string> { "-f", journal, "bal", "--flat", "--no-total", "-F", "%(account)\t%(display_total)\n" };
        if (begin is { } b && end is { } e)
        {
            args.AddRange(["-b", b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "-e", e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        }

        var psi = new ProcessStartInfo(ledger) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ForEach(psi.ArgumentList.Add);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(
            p => p[0],
            p => decimal.Parse(p[1].Replace("JPY", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture));
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
