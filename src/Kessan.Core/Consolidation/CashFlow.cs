using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Consolidation;

/// <summary>The three sections of a statement of cash flows.</summary>
public enum CashFlowSection
{
    Operating,
    Investing,
    Financing,
}

/// <summary>
/// How each balance-sheet concept's change appears in the statement of cash flows, read from a text file:
/// <code>
/// cash   bs.cash_and_equivalents
/// # balance-sheet concept        section      cash-flow line
/// bs.accumulated_depreciation     operating    cf.depreciation_and_amortization
/// bs.accounts_receivable          operating    cf.change_in_receivables
/// bs.property_and_equipment       investing    cf.purchases_of_property
/// bs.short_term_borrowings        financing    cf.net_change_short_term_borrowings
/// </code>
/// Several balance-sheet concepts may share a line.
/// </summary>
public sealed record CashFlowDefinition(IReadOnlySet<string> Cash, IReadOnlyDictionary<string, (CashFlowSection Section, string Line)> Lines)
{
    public static Result<CashFlowDefinition> Parse(string text, string file)
    {
        var cash = new HashSet<string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, (CashFlowSection, string)>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();
        var rows = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < rows.Length; i++)
        {
            var hash = rows[i].IndexOf('#', StringComparison.Ordinal);
            var words = (hash >= 0 ? rows[i][..hash] : rows[i]).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var at = new SourceLocation(file, i + 1);
            if (words.Length == 0)
            {
                continue;
            }

            if (words is ["cash", var c])
            {
                cash.Add(c);
            }
            else if (words.Length == 3 && Enum.TryParse<CashFlowSection>(words[1], ignoreCase: true, out var section) && !lines.ContainsKey(words[0]))
            {
                lines[words[0]] = (section, words[2]);
            }
            else
            {
                diagnostics.Add(Diagnostic.Error("cashflow.bad-line", at, "A cash-flow line is 'cash CONCEPT' or 'BALANCE-SHEET-CONCEPT operating|investing|financing CASH-FLOW-LINE', each concept once."));
            }
        }

        if (cash.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("cashflow.no-cash", new SourceLocation(file, 0), "The cash-flow definition does not say which concept is cash ('cash CONCEPT')."));
        }

        return new Result<CashFlowDefinition>(diagnostics.Count == 0 ? new CashFlowDefinition(cash, lines) : null, diagnostics);
    }
}

/// <summary>One period's statement of cash flows, amounts positive for cash coming in.</summary>
public sealed record CashFlowStatement(
    LedgerPeriod Period,
    decimal NetIncome,
    IReadOnlyList<(CashFlowSection Section, string Line, decimal Amount)> Lines,
    decimal CashAtBeginning,
    decimal CashAtEnd)
{
    public decimal Total(CashFlowSection section) =>
        Lines.Where(l => l.Section == section).Sum(l => l.Amount) + (section == CashFlowSection.Operating ? NetIncome : 0m);

    public decimal NetChange => Total(CashFlowSection.Operating) + Total(CashFlowSection.Investing) + Total(CashFlowSection.Financing);
}

/// <summary>
/// The statement of cash flows by the indirect method, from consolidated amounts: net income (loss), then the
/// change of every non-cash balance-sheet concept with its sign turned (an asset that grows used cash), each on
/// the line the definition gives it. Because every entry balances, the three sections add up to the change in
/// cash; that roll-forward is checked, and a balance-sheet concept that changed but has no line is an error.
/// </summary>
public static class CashFlowBuilder
{
    public static Result<IReadOnlyList<CashFlowStatement>> Build(ConsolidatedBalances balances, CashFlowDefinition definition, IReadOnlyDictionary<string, Concept> concepts)
    {
        var diagnostics = new List<Diagnostic>();
        var statements = new List<CashFlowStatement>();
        var instants = balances.Amounts.Keys.Select(k => k.Concept).Distinct()
            .Where(c => concepts.TryGetValue(c, out var concept) && concept.PeriodType == PeriodType.Instant).Order(StringComparer.Ordinal).ToList();
        var durations = balances.Amounts.Keys.Select(k => k.Concept).Distinct()
            .Where(c => concepts.TryGetValue(c, out var concept) && concept.PeriodType == PeriodType.Duration).ToList();
        decimal At(string concept, LedgerPeriod period) => balances.Amounts.GetValueOrDefault((concept, period));

        for (var i = 1; i < balances.Periods.Count; i++)
        {
            var previous = balances.Periods[i - 1];
            var period = balances.Periods[i];
            if (previous.Dates.End.AddDays(1) != period.Dates.Start)
            {
                diagnostics.Add(Diagnostic.Error("cashflow.gap", null, $"The ledgers have no entries between {previous} and {period}, so the cash flows of {period} cannot be told from the change since {previous}; include the periods in between."));
                continue;
            }

            // Debits positive: net income is minus the sum of the period's income and expense movements.
            var netIncome = -durations.Sum(c => At(c, period));
            var lines = new Dictionary<(CashFlowSection, string), decimal>();
            var problemsBefore = diagnostics.Count;
            decimal cashBefore = 0m, cashAfter = 0m;
            foreach (var concept in instants)
            {
                var change = At(concept, period) - At(concept, previous);
                if (definition.Cash.Contains(concept))
                {
                    cashBefore += At(concept, previous);
                    cashAfter += At(concept, period);
                    continue;
                }

                if (change == 0m)
                {
                    continue;
                }

                if (!definition.Lines.TryGetValue(concept, out var line))
                {
                    diagnostics.Add(Diagnostic.Error("cashflow.unclassified", null, $"The balance of {concept} changed by {change:#,0.####} (debits +) in {period}, but the cash-flow definition gives it no line."));
                    continue;
                }

                lines[line] = lines.GetValueOrDefault(line) - change;
            }

            var statement = new CashFlowStatement(
                period,
                netIncome,
                lines.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)).OrderBy(l => l.Item1).ThenBy(l => l.Item2, StringComparer.Ordinal).ToList(),
                cashBefore,
                cashAfter);
            if (diagnostics.Count == problemsBefore && statement.CashAtBeginning + statement.NetChange != statement.CashAtEnd)
            {
                diagnostics.Add(Diagnostic.Error("cashflow.roll-forward", null, $"In {period}, cash at the beginning ({cashBefore:#,0}) plus the net change ({statement.NetChange:#,0}) is not cash at the end ({cashAfter:#,0})."));
            }

            statements.Add(statement);
        }

        return new Result<IReadOnlyList<CashFlowStatement>>(diagnostics.Count == 0 ? statements : null, diagnostics);
    }
}
