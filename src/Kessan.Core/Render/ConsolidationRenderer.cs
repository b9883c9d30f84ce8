using System.Globalization;
using System.Text;
using Kessan.Consolidation;
using Kessan.Definitions;
using Kessan.Ledger;
using Kessan.Model;
using Kessan.Synth;

namespace Kessan.Render;

/// <summary>
/// The consolidated statements a group's ledgers give (<c>kessan consolidate</c>), as a report to read or as CSV.
/// Both take the facts of <see cref="GroupAccounts.ToFacts"/>: amounts in yen, each in its concept's natural sign.
/// </summary>
public static class ConsolidationRenderer
{
    public const string CsvHeader = "concept,period,amount";

    /// <summary>
    /// One row per fact: <c>concept,period,amount</c>, the period as <see cref="Period.ToString"/> writes it
    /// (<c>2003-06-30</c> for an instant, <c>2003-04-01..2003-06-30</c> for a duration), the amount exact and plain
    /// (<c>-1234567</c>); sorted by concept, then period in time order.
    /// </summary>
    public static string Csv(IEnumerable<Fact> facts)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var fact in facts.OrderBy(f => f.Concept, StringComparer.Ordinal).ThenBy(f => f.Period))
        {
            sb.Append(fact.Concept).Append(',').Append(fact.Period).Append(',').Append(TrialBalanceWriter.Plain(fact.Value)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The statement of operations (one column per quarter, the net income (loss) last), the balance sheets (one
    /// column per quarter end, debit and credit concepts totalled) and, when the ledgers define it, the statement of
    /// cash flows (one column per quarter). Rows follow the order of the model's concepts and carry their labels.
    /// </summary>
    public static string Text(ReleaseDefinition definition, GroupAccounts accounts, IReadOnlyList<Fact> facts)
    {
        var concepts = definition.Concepts;
        var consolidated = accounts.Balances.Amounts.Keys.Select(k => k.Concept).ToHashSet(StringComparer.Ordinal);
        var quarters = accounts.Balances.Periods.ToDictionary(p => p.Dates, p => p.Label);
        var byConcept = facts.ToLookup(f => f.Concept, StringComparer.Ordinal);
        string Label(string concept) => concepts.TryGetValue(concept, out var c) ? c.Label : concept;
        decimal Signed(Fact f) => concepts[f.Concept].Balance == Balance.Credit ? f.Value : -f.Value;

        var sb = new StringBuilder();
        sb.Append(definition.Company).Append(": consolidated statements from the ledgers\n");
        sb.Append("In yen, quarters of the fiscal year ending in ").Append(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(definition.Calendar.YearEndMonth))
          .Append(". Each line in its natural sign (revenues, liabilities and equity positive when credit);\n")
          .Append("in the statement of cash flows, cash coming in is positive.\n");

        var operations = concepts.Values.Where(c => c.PeriodType == PeriodType.Duration && consolidated.Contains(c.Id)).Select(c => c.Id).ToList();
        var opFacts = operations.SelectMany(c => byConcept[c]).ToList();
        if (opFacts.Count > 0)
        {
            var periods = opFacts.Select(f => f.Period).Distinct().Order().ToList();
            var rows = operations.Select(c => Row(Label(c), periods, byConcept[c])).ToList();
            rows.Add(new TableRow("Net income (loss)", periods.Select(p => Amount(opFacts.Where(f => f.Period == p).Sum(Signed))).ToArray(), RuleBefore: true));
            Table(sb, "Statement of operations", periods.Select(p => quarters.GetValueOrDefault(p, p.ToString())).ToList(), rows);
        }

        var balanceSheet = concepts.Values.Where(c => c.PeriodType == PeriodType.Instant && byConcept.Contains(c.Id)).Select(c => c.Id).ToList();
        var bsFacts = balanceSheet.SelectMany(c => byConcept[c]).ToList();
        if (bsFacts.Count > 0)
        {
            var dates = bsFacts.Select(f => f.Period).Distinct().Order().ToList();
            var rows = balanceSheet.Select(c => Row(Label(c), dates, byConcept[c])).ToList();
            rows.Add(new TableRow("Total of debit lines (assets)", dates.Select(d => Amount(bsFacts.Where(f => f.Period == d && concepts[f.Concept].Balance != Balance.Credit).Sum(f => f.Value))).ToArray(), RuleBefore: true));
            rows.Add(new TableRow("Total of credit lines (liabilities and equity)", dates.Select(d => Amount(bsFacts.Where(f => f.Period == d && concepts[f.Concept].Balance == Balance.Credit).Sum(f => f.Value))).ToArray()));
            Table(sb, "Balance sheets", dates.Select(d => d.ToString()).ToList(), rows);
        }

        if (accounts.CashFlow is { } cashFlow && accounts.Statements.Count > 0)
        {
            var order = concepts.Keys.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            CashFlows(sb, cashFlow, accounts.Statements, Label, line => order.GetValueOrDefault(line.TrimStart('-'), int.MaxValue));
        }

        return sb.ToString();
    }

    private static readonly (CashFlowSection Section, string Heading, string Total)[] Sections =
    [
        (CashFlowSection.Operating, "Operating activities", "Net cash provided by (used in) operating activities"),
        (CashFlowSection.Investing, "Investing activities", "Net cash provided by (used in) investing activities"),
        (CashFlowSection.Financing, "Financing activities", "Net cash provided by (used in) financing activities"),
    ];

    /// <summary>One column per statement: each section's lines in the order of the model's concepts, and its total; then the roll-forward of cash.</summary>
    private static void CashFlows(StringBuilder sb, CashFlowDefinition cashFlow, IReadOnlyList<CashFlowStatement> statements, Func<string, string> label, Func<string, int> order)
    {
        string[] Cells(Func<CashFlowStatement, decimal?> value) => statements.Select(s => value(s) is { } v ? Amount(v) : "").ToArray();

        var rows = new List<TableRow>();
        foreach (var (section, heading, total) in Sections)
        {
            rows.Add(new TableRow(heading, null));
            if (section == CashFlowSection.Operating)
            {
                rows.Add(new TableRow("  Net income (loss)", Cells(s => s.NetIncome)));
            }

            var lines = statements.SelectMany(s => s.Lines).Where(l => l.Section == section).Select(l => l.Line)
                .Distinct(StringComparer.Ordinal).OrderBy(order).ThenBy(l => l, StringComparer.Ordinal);
            foreach (var line in lines)
            {
                rows.Add(new TableRow("  " + label(line.TrimStart('-')), Cells(s => s.Lines.Any(l => l.Section == section && l.Line == line)
                    ? s.Lines.Where(l => l.Section == section && l.Line == line).Sum(l => l.Amount)
                    : null)));
            }

            rows.Add(new TableRow("  " + total, Cells(s => s.Total(section)), RuleBefore: true));
        }

        rows.Add(new TableRow(cashFlow.CashEffectLine is { } effect ? label(effect.TrimStart('-')) : "Effect of exchange rate changes on cash", Cells(s => s.Effect)));
        rows.Add(new TableRow("Net increase (decrease) in cash", Cells(s => s.NetChange + s.Effect)));
        rows.Add(new TableRow("Cash at beginning of period", Cells(s => s.CashAtBeginning)));
        rows.Add(new TableRow("Cash at end of period", Cells(s => s.CashAtEnd)));
        Table(sb, "Statement of cash flows", statements.Select(s => s.Period.Label).ToList(), rows);
    }

    /// <summary>A line of a table: a label and one cell per column (null for a heading), with a rule above it when it is a total.</summary>
    private sealed record TableRow(string Label, string[]? Cells, bool RuleBefore = false);

    private static TableRow Row(string label, IReadOnlyList<Period> periods, IEnumerable<Fact> facts)
    {
        var byPeriod = facts.ToDictionary(f => f.Period, f => f.Value);
        return new TableRow(label, periods.Select(p => byPeriod.TryGetValue(p, out var v) ? Amount(v) : "").ToArray());
    }

    private static string Amount(decimal value) => TrialBalanceWriter.Grouped(value);

    /// <summary>A blank line, then the title and the column headers, a rule, and the rows with amounts right-aligned.</summary>
    private static void Table(StringBuilder sb, string title, IReadOnlyList<string> headers, IReadOnlyList<TableRow> rows)
    {
        var labelWidth = Math.Max(title.Length, rows.Max(r => r.Label.Length));
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r.Cells?[i].Length ?? 0))).ToArray();
        var rule = new string('-', labelWidth + widths.Sum(w => w + 2));

        void Line(string label, IReadOnlyList<string>? cells)
        {
            var line = new StringBuilder(label.PadRight(labelWidth));
            for (var i = 0; cells is not null && i < cells.Count; i++)
            {
                line.Append("  ").Append(cells[i].PadLeft(widths[i]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        sb.Append('\n');
        Line(title, headers);
        sb.Append(rule).Append('\n');
        foreach (var row in rows)
        {
            if (row.RuleBefore)
            {
                sb.Append(rule).Append('\n');
            }

            Line(row.Label, row.Cells);
        }
    }
}
