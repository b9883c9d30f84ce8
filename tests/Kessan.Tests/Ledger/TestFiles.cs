using System.Globalization;
using System.Text;

namespace Kessan.Tests.Ledger;

/// <summary>A temporary folder for a test's input files, removed afterwards.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "kessan-ledger-tests", Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A seeded journal in the forms real journals use: codes, statuses, comments, notes, one elided amount, the
/// commodity before or after the number, tabs or spaces between account and amount.
/// </summary>
internal static class JournalGenerator
{
    public static readonly string[] Accounts =
    [
        "Assets:Current:Cash", "Assets:Current:Accounts Receivable", "Assets:Property:Equipment",
        "Liabilities:Current:Accounts Payable", "Liabilities:Borrowings", "Equity:Common Stock",
        "Income:Connectivity:Dedicated Access", "Income:Systems Integration", "Expenses:Cost of Services",
        "Expenses:Sales and Marketing", "Expenses:General and Administrative",
    ];

    /// <summary>The journal text and, per account and quarter start month, the exact balances it must give.</summary>
    public static (string Text, Dictionary<(string Account, DateOnly QuarterStart), long> Expected) Generate(int transactions, int seed, DateOnly from, int days) =>
        GenerateBoth(transactions, seed, from, days) is var g ? (g.Journal, g.Expected) : default;

    /// <summary>The same ledger as a journal and as a CSV export (debit and credit columns, quoted memos).</summary>
    public static (string Journal, string Csv, Dictionary<(string Account, DateOnly QuarterStart), long> Expected) GenerateBoth(int transactions, int seed, DateOnly from, int days)
    {
        var csv = new StringBuilder("Posting Date,Voucher,GL Account,Debit,Credit,Memo\n");
        var rng = new Random(seed);
        var sb = new StringBuilder();
        var expected = new Dictionary<(string, DateOnly), long>();
        sb.Append("; generated journal\ncommodity JPY 1,000.\n\n");
        foreach (var a in Accounts)
        {
            sb.Append("account ").Append(a).Append('\n');
        }

        sb.Append('\n');
        var dates = Enumerable.Range(0, transactions).Select(_ => from.AddDays(rng.Next(days))).Order().ToList();
        for (var t = 0; t < transactions; t++)
        {
            var date = dates[t];
            var q = new DateOnly(date.Year, date.Month - ((date.Month - 4 + 12) % 3), 1);
            var k = rng.Next(2, 5);
            var accounts = Accounts.OrderBy(_ => rng.Next()).Take(k).ToList();
            var amounts = Enumerable.Range(0, k - 1).Select(_ => (long)rng.Next(1, 9_000_000) * (rng.Next(2) == 0 ? 1 : -1)).ToList();
            amounts.Add(-amounts.Sum());
            var elide = rng.Next(3) == 0;
            var status = rng.Next(3) switch { 0 => "* ", 1 => "! ", _ => "" };
            var code = rng.Next(2) == 0 ? $"(GL{t:00000}) " : "";
            var sep = rng.Next(4) == 0 ? '/' : '-';
            sb.Append(date.ToString($"yyyy'{sep}'MM'{sep}'dd", CultureInfo.InvariantCulture)).Append(' ').Append(status).Append(code)
              .Append("Transaction ").Append(t).Append(rng.Next(5) == 0 ? "  ; a comment\n" : "\n");
            if (rng.Next(6) == 0)
            {
                sb.Append("    ; a note on the transaction\n");
            }

            for (var i = 0; i < k; i++)
            {
                var v = amounts[i];
                expected[(accounts[i], q)] = expected.GetValueOrDefault((accounts[i], q)) + v;
                csv.Append(date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)).Append(",V").Append(t).Append(',').Append(accounts[i]).Append(',')
                   .Append(v > 0 ? $"\"{v:#,0}\"" : "").Append(',').Append(v < 0 ? $"\"{-v:#,0}\"" : "").Append(",\"Transaction ").Append(t).Append(", line ").Append(i).Append("\"\n");
                sb.Append("    ").Append(accounts[i]);
                if (i == k - 1 && elide)
                {
                    sb.Append('\n');
                    continue;
                }

                sb.Append(rng.Next(3) == 0 ? "\t" : "    ");
                var abs = Math.Abs(v).ToString("#,0", CultureInfo.InvariantCulture);
                var plain = Math.Abs(v).ToString(CultureInfo.InvariantCulture);
                var minus = v < 0 ? "-" : "";
                sb.Append(rng.Next(3) switch
                {
                    0 => $"{minus}JPY {abs}",
                    1 => $"JPY {minus}{abs}",
                    _ => $"{minus}{plain} JPY",
                });
                sb.Append(rng.Next(8) == 0 ? "  ; posting note\n" : "\n");
            }

            sb.Append('\n');
        }

        return (sb.ToString(), csv.ToString(), expected);
    }
}
