using System.Globalization;
using System.Text;

namespace Kessan.Ledger;

/// <summary>Writes a trial balance as a text table (periods across) or as CSV (one line per balance).</summary>
public static class TrialBalanceWriter
{
    public const string CsvHeader = "entity,account,period,amount,currency";

    /// <summary>The header with flows: the flow after the account.</summary>
    public const string CsvHeaderWithFlows = "entity,account,flow,period,amount,currency";

    /// <summary>
    /// CSV with the columns <c>entity,account,period,amount,currency</c> (with <paramref name="flows"/>,
    /// <c>entity,account,flow,period,amount,currency</c>); amounts plain, with a decimal point only when needed.
    /// </summary>
    public static void WriteCsv(TrialBalance tb, TextWriter output, bool flows = false)
    {
        output.Write(flows ? CsvHeaderWithFlows : CsvHeader);
        output.Write('\n');
        var sb = new StringBuilder();
        foreach (var l in tb.Lines)
        {
            sb.Clear();
            sb.Append(CsvCell(l.Entity)).Append(',')
              .Append(CsvCell(l.Account)).Append(',');
            if (flows)
            {
                sb.Append(CsvCell(l.Flow)).Append(',');
            }

            sb.Append(CsvCell(l.Period.Label)).Append(',')
              .Append(Plain(l.Amount)).Append(',')
              .Append(CsvCell(l.Currency)).Append('\n');
            output.Write(sb);
        }
    }

    /// <summary>
    /// A table per entity and currency: one row per account, one column per period, and a total row that is zero
    /// when the entity's books balance.
    /// </summary>
    public static void WriteText(TrialBalance tb, TextWriter output)
    {
        var periods = tb.Periods.ToList();
        if (tb.Lines.Count == 0)
        {
            output.WriteLine("No balances: the files hold no postings, or every account nets to zero.");
            return;
        }

        var first = true;
        foreach (var group in tb.Lines.GroupBy(l => (l.Entity, l.Currency)))
        {
            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            var rows = group.GroupBy(l => l.Flow.Length == 0 ? l.Account : $"{l.Account} [flow: {l.Flow}]").Select(g => (Account: g.Key, ByPeriod: g.ToDictionary(l => l.Period, l => l.Amount))).ToList();
            var totals = periods.ToDictionary(p => p, p => group.Where(l => l.Period == p).Sum(l => l.Amount));
            var title = $"{group.Key.Entity} ({group.Key.Currency}; debits +, credits −)";
            var cells = rows.Select(r => periods.Select(p => r.ByPeriod.TryGetValue(p, out var v) ? Grouped(v) : "").ToArray()).ToList();
            var totalCells = periods.Select(p => Grouped(totals[p])).ToArray();
            var accountWidth = Math.Max(title.Length, rows.Max(r => r.Account.Length));
            var widths = periods.Select((p, i) => Math.Max(p.Label.Length, Math.Max(totalCells[i].Length, cells.Max(c => c[i].Length)))).ToArray();

            var sb = new StringBuilder();
            sb.Append(title.PadRight(accountWidth));
            for (var i = 0; i < periods.Count; i++)
            {
                sb.Append("  ").Append(periods[i].Label.PadLeft(widths[i]));
            }

            output.WriteLine(sb.ToString().TrimEnd());
            output.WriteLine(new string('-', accountWidth + widths.Sum(w => w + 2)));
            for (var r = 0; r < rows.Count; r++)
            {
                sb.Clear().Append(rows[r].Account.PadRight(accountWidth));
                for (var i = 0; i < periods.Count; i++)
                {
                    sb.Append("  ").Append(cells[r][i].PadLeft(widths[i]));
                }

                output.WriteLine(sb.ToString().TrimEnd());
            }

            output.WriteLine(new string('-', accountWidth + widths.Sum(w => w + 2)));
            sb.Clear().Append("Total".PadRight(accountWidth));
            for (var i = 0; i < periods.Count; i++)
            {
                sb.Append("  ").Append(totalCells[i].PadLeft(widths[i]));
            }

            output.WriteLine(sb.ToString().TrimEnd());
        }
    }

    /// <summary><c>-1234567.5</c>: invariant, no grouping, no trailing zeros.</summary>
    public static string Plain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary><c>-1,234,567.5</c>.</summary>
    public static string Grouped(decimal value) => value.ToString("#,0.############################", CultureInfo.InvariantCulture);

    private static string CsvCell(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
