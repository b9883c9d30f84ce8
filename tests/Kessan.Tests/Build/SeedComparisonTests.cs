using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Tests.Build;

/// <summary>
/// Every number of every table and statement of the reference release, compared with Kessan's build of the example.
/// A difference is allowed only if it is listed below with its reason.
/// </summary>
public partial class SeedComparisonTests(ITestOutputHelper output)
{
    /// <summary>(table, row label, cell index, seed text, Kessan text, why).</summary>
    private static readonly (string Table, string Row, int Cell, string Seed, string Kessan, string Why)[] Expected =
    [
        // The seed is wrong.
        ("Table 9.", "Income tax benefit (expense)", 0, "-390", "390", "seed error: a benefit of 390 shown as -390, so Table 9 does not foot"),
        ("Table 9.", "Income tax benefit (expense)", 1, "161", "-161", "seed error: an expense of 161 shown as a benefit"),
        ("Table 9.", "Income tax benefit (expense)", 2, "97", "-97", "seed error: an expense of 97 shown as a benefit"),
        ("Table 7.", "International Backbone Costs", 4, "-17.2%", "-17.1%", "seed error: (261 - 315) / 315 = -17.14%; the text says -17.1%"),

        // The seed's Table 1 and Table 6 do not foot; Kessan's tables do, so one part moves by one unit.
        ("Table 1.", "Dial-up access services", 0, "767", "768", "seed: 3,321 + 767 = 4,088 but Total Connectivity Services is 4,089"),
        ("Table 1.", "Equipment sales", 0, "341", "340", "seed: 5,596 + 2,408 + 341 = 8,345 but Total revenues is 8,344"),
        ("Table 1.", "Dial-up access services", 1, "822", "823", "seed: 3,523 + 822 = 4,345 but Total Connectivity Services is 4,346 (3,523 is fixed by Table 2)"),
        ("Table 1.", "Other", 3, "381", "382", "seed: 4,106 + 931 + 381 = 5,418 but Total connectivity and value-added services is 5,419"),
        ("Table 6.", "Research and development", 0, "96", "97", "seed: 7,868 + 827 + 612 + 96 = 9,403 but Total costs and expenses is 9,404"),

        // The release gives these items only in millions; its percentages came from figures it does not publish.
        ("Table 2.", "IP Service + DC (connectivity)", 2, "-1.5%", "-1.6%", "from the published millions: (2,534 - 2,574) / 2,574 = -1.55%"),
        ("Table 5.", "Internet data center services", 2, "-8.8%", "-8.9%", "from the published millions: (337 - 370) / 370 = -8.92%"),
        ("Table 5.", "Internet data center services", 4, "-1.1%", "-1.2%", "from the published millions: (337 - 341) / 341 = -1.17%"),
        ("Table 5.", "Other value-added services", 2, "31.2%", "31.3%", "from the published millions: (650 - 495) / 495 = 31.31%"),
        ("Table 5.", "Other value-added services", 4, "10.1%", "10.2%", "from the published millions: (650 - 590) / 590 = 10.17%"),

        // Both foot; the seed moved two subtotals of the USD column where Kessan moves two parts (parts absorb first).
        ("CONSOLIDATED STATEMENTS OF OPERATIONS", "Total costs and expenses", 0, "78,449", "78,448", "plain rounding of 78,448.49; the seed moves this subtotal"),
        ("CONSOLIDATED STATEMENTS OF OPERATIONS", "Operating loss", 0, "(8,840)", "(8,839)", "plain rounding of -8,839.36; the seed moves this subtotal"),
        ("CONSOLIDATED STATEMENTS OF OPERATIONS", "Research and development", 0, "802", "801", "801.65 moved down one unit so that total costs and expenses foots"),
        ("CONSOLIDATED STATEMENTS OF OPERATIONS", "Other expenses", 0, "(1,705)", "(1,706)", "-1,705.16 moved down one unit so that the loss before income tax foots"),

        // The seed divides by the share count rounded to 22,611; the ADS count 45,222,494 gives 22,611.247 shares.
        ("CONSOLIDATED STATEMENTS OF OPERATIONS", "Basic Net Loss Per Share", 1, "(87,970)", "(87,969)", "1,989,090,000 / 22,611.247 = 87,969.05"),
    ];

    [GeneratedRegex(@"^\(?-?[\d,]+(\.\d+)?%?\)?%?$")]
    private static partial Regex Number();

    [Fact]
    public void Every_number_of_the_seed_tables_is_reproduced_or_its_difference_is_explained()
    {
        var seed = Tables(File.ReadAllText(Repo.Seed));
        var ours = Tables(ExampleRelease.Text);
        var total = 0;
        var exact = 0;
        var unexplained = new List<string>();
        var seen = new HashSet<int>();
        foreach (var ((table, row, occurrence), cells) in seed)
        {
            ours.TryGetValue((table, row, occurrence), out var mine);
            for (var i = 0; i < cells.Length; i++)
            {
                var s = cells[i].Trim();
                if (!Number().IsMatch(s) && s != "-")
                {
                    continue;
                }

                total++;
                var k = mine is not null && i < mine.Length ? mine[i].Trim() : "(missing)";
                if (k == s)
                {
                    exact++;
                    continue;
                }

                var index = Array.FindIndex(Expected, e => table.StartsWith(e.Table, StringComparison.Ordinal) && e.Row == row && e.Cell == i && e.Seed == s && e.Kessan == k);
                if (index < 0)
                {
                    unexplained.Add($"{table} / {row} / cell {i}: seed {s}, Kessan {k}");
                }
                else
                {
                    seen.Add(index);
                }
            }
        }

        output.WriteLine($"{exact} of {total} seed table numbers reproduced exactly ({100m * exact / total:0.00}%); {total - exact} differ, each explained:");
        foreach (var e in Expected)
        {
            output.WriteLine($"  {e.Table} {e.Row} [{e.Cell}]: seed {e.Seed}, Kessan {e.Kessan} — {e.Why}");
        }

        total.ShouldBe(793);
        unexplained.ShouldBeEmpty();
        seen.Count.ShouldBe(Expected.Length, "an expected difference no longer occurs: update the list");
        exact.ShouldBe(total - Expected.Length);
    }

    [Fact]
    public void Differences_other_than_the_seed_sign_errors_are_one_unit_of_the_last_digit()
    {
        foreach (var e in Expected.Where(e => !e.Why.Contains("shown as", StringComparison.Ordinal) && !e.Why.Contains("an expense of", StringComparison.Ordinal)))
        {
            var (a, decimals) = Parse(e.Seed);
            var (b, _) = Parse(e.Kessan);
            Math.Abs(a - b).ShouldBe(1m / (decimal)Math.Pow(10, decimals), e.Why);
        }
    }

    private static (decimal Value, int Decimals) Parse(string text)
    {
        var negative = text.StartsWith('(') || text.StartsWith('-');
        var body = text.Trim('(', ')', '%', '-').Replace(",", "", StringComparison.Ordinal);
        var value = decimal.Parse(body, CultureInfo.InvariantCulture);
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        return (negative ? -value : value, dot < 0 ? 0 : body.Length - dot - 1);
    }

    /// <summary>Rows of every table by (table title, row label, occurrence of the label in the table).</summary>
    internal static Dictionary<(string, string, int), string[]> Tables(string text)
    {
        var result = new Dictionary<(string, string, int), string[]>();
        string? table = null;
        var seen = new Dictionary<string, int>();
        foreach (var line in text.Split('\n'))
        {
            if (Regex.IsMatch(line, @"^(Table \d+\.|CONSOLIDATED |CONDENSED CONSOLIDATED)"))
            {
                table = line.StartsWith("Table", StringComparison.Ordinal) ? line.Split('(')[0].Trim() : line.Split('(')[0].Trim();
                seen.Clear();
                continue;
            }

            if (table is null || !line.Contains('\t', StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Split('\t');
            var label = cells[0].Trim();
            seen[label] = seen.GetValueOrDefault(label) + 1;
            result[(table, label, seen[label])] = cells[1..];
        }

        return result;
    }
}
