using System.Globalization;
using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Consolidation;

/// <summary>The sections of a statement of cash flows; <see cref="NonCash"/> holds movements that are not cash flows.</summary>
public enum CashFlowSection
{
    Operating,
    Investing,
    Financing,

    /// <summary>Not a cash flow: e.g. property acquired under a capital lease against the lease obligation. Such movements must cancel in every period.</summary>
    NonCash,
}

/// <summary>Where one balance-sheet concept's movements of one flow go in the statement of cash flows.</summary>
public sealed record CashFlowRule(string Concept, string Flow, CashFlowSection Section, string Line, SourceLocation Location);

/// <summary>
/// How the movements of the balance sheet appear in the statement of cash flows, read from a text file:
/// <code>
/// cash          bs.cash
/// cash-effect   cf.exchange_rate_effect
/// # balance-sheet concept       [flow]          section      cash-flow line
/// bs.accounts_receivable                        operating    cf.change_in_accounts_receivable
/// bs.property_and_equipment                     investing    cf.purchase_of_property
/// bs.property_and_equipment     depreciation    operating    depreciation_and_amortization
/// bs.equity_method_investments  equity-method   operating    -equity_method_income
/// *                             fx              operating    cf.foreign_exchange_losses
/// bs.property_and_equipment     capital-lease   noncash
/// </code>
/// A row without a flow is for the postings that carry none. <c>*</c> stands for any concept of a flow; a row naming
/// the concept wins. A line written <c>-CONCEPT</c> is that concept with its sign turned. Several rows may share a line.
/// </summary>
public sealed record CashFlowDefinition(IReadOnlySet<string> Cash, string? CashEffectLine, IReadOnlyList<CashFlowRule> Rules)
{
    private readonly Dictionary<(string Concept, string Flow), CashFlowRule> byKey =
        Rules.GroupBy(r => (r.Concept, r.Flow)).ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// The rule for a concept's movements of a flow: the concept's own, else the flow's <c>*</c> rule; for the flows
    /// consolidation makes (minority interest, equity method) also the concept's rule without a flow. Null when none:
    /// a flow the ledgers carry is never put on a line nobody chose for it.
    /// </summary>
    public CashFlowRule? Find(string concept, string flow) =>
        byKey.GetValueOrDefault((concept, flow))
        ?? byKey.GetValueOrDefault(("*", flow))
        ?? (flow is Consolidator.MinorityInterestFlow or Consolidator.EquityMethodFlow ? byKey.GetValueOrDefault((concept, "")) : null);

    /// <summary>Every line of the statement, in the order the definition first names it (the cash effect last).</summary>
    public IReadOnlyList<string> LineNames =>
        Rules.Where(r => r.Section != CashFlowSection.NonCash).Select(r => r.Line)
            .Concat(CashEffectLine is null ? [] : [CashEffectLine]).Distinct(StringComparer.Ordinal).ToList();

    public static Result<CashFlowDefinition> Parse(string text, string file)
    {
        var cash = new HashSet<string>(StringComparer.Ordinal);
        string? effect = null;
        var rules = new List<CashFlowRule>();
        var seen = new Dictionary<(string, string), int>();
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

            CashFlowRule? rule = null;
            switch (words)
            {
                case ["cash", var c]:
                    cash.Add(c);
                    continue;
                case ["cash-effect", var line] when effect is null:
                    effect = line;
                    continue;
                case [var c, var s] when IsNonCash(s):
                    rule = new CashFlowRule(c, "", CashFlowSection.NonCash, "", at);
                    break;
                case [var c, var f, var s] when IsNonCash(s):
                    rule = new CashFlowRule(c, f, CashFlowSection.NonCash, "", at);
                    break;
                case [var c, var s, var line] when TrySection(s, out var section):
                    rule = new CashFlowRule(c, "", section, line, at);
                    break;
                case [var c, var f, var s, var line] when TrySection(s, out var section):
                    rule = new CashFlowRule(c, f, section, line, at);
                    break;
            }

            if (rule is null || (rule.Concept == "*" && rule.Flow.Length == 0))
            {
                diagnostics.Add(Diagnostic.Error("cashflow.bad-line", at, "A row of the cash-flow definition is 'cash CONCEPT', 'cash-effect LINE', or 'CONCEPT [FLOW] operating|investing|financing LINE' or 'CONCEPT [FLOW] noncash' ('*' as the concept needs a flow)."));
            }
            else if (seen.TryGetValue((rule.Concept, rule.Flow), out var first))
            {
                diagnostics.Add(Diagnostic.Error("cashflow.duplicate", at, $"{rule.Concept}{(rule.Flow.Length > 0 ? " with flow " + rule.Flow : "")} already has a line (line {first})."));
            }
            else
            {
                seen[(rule.Concept, rule.Flow)] = i + 1;
                rules.Add(rule);
            }
        }

        if (cash.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("cashflow.no-cash", new SourceLocation(file, 0), "The cash-flow definition does not say which concept is cash ('cash CONCEPT')."));
        }

        return new Result<CashFlowDefinition>(diagnostics.Count == 0 ? new CashFlowDefinition(cash, effect, rules) : null, diagnostics);
    }

    private static bool IsNonCash(string word) => string.Equals(word, "noncash", StringComparison.OrdinalIgnoreCase);

    private static bool TrySection(string word, out CashFlowSection section) =>
        Enum.TryParse(word, ignoreCase: true, out section) && section != CashFlowSection.NonCash && !int.TryParse(word, CultureInfo.InvariantCulture, out _);
}

/// <summary>
/// One period's statement of cash flows, amounts positive for cash coming in: net income (loss), the lines of the
/// three sections, the effect of exchange-rate changes on cash (<see cref="Effect"/>) and cash at both ends.
/// </summary>
public sealed record CashFlowStatement(
    LedgerPeriod Period,
    decimal NetIncome,
    IReadOnlyList<(CashFlowSection Section, string Line, decimal Amount)> Lines,
    decimal CashAtBeginning,
    decimal CashAtEnd,
    decimal Effect = 0m)
{
    public decimal Total(CashFlowSection section) =>
        Lines.Where(l => l.Section == section).Sum(l => l.Amount) + (section == CashFlowSection.Operating ? NetIncome : 0m);

    /// <summary>Operating + investing + financing (the effect of exchange rates not included).</summary>
    public decimal NetChange => Total(CashFlowSection.Operating) + Total(CashFlowSection.Investing) + Total(CashFlowSection.Financing);

    /// <summary>The amount of a line; zero when nothing moved on it.</summary>
    public decimal Amount(string line) => Lines.Where(l => l.Line == line).Sum(l => l.Amount);
}

/// <summary>
/// The statement of cash flows by the indirect method, from consolidated amounts: net income (loss), then every
/// movement of a non-cash balance-sheet concept with its sign turned (an asset that grows used cash), on the line
/// the definition gives its concept and flow. Cash movements that carry a flow (a revaluation of foreign-currency
/// cash, say) are not cash flows of the sections: their sign-turned amount goes to their line (the foreign-exchange
/// loss added back) and the amount itself to the cash-effect line. Movements of the closing flow
/// (<see cref="Consolidator.ClosingFlow"/>) are the net income (loss) itself and are left out. Because every entry
/// balances, the sections and the effect add up to the change in cash; that roll-forward is checked. A movement
/// without a line, non-cash movements that do not cancel, and a gap between periods are errors.
/// </summary>
public static class CashFlowBuilder
{
    public static Result<IReadOnlyList<CashFlowStatement>> Build(ConsolidatedBalances balances, CashFlowDefinition definition, IReadOnlyDictionary<string, Concept> concepts)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var cash in definition.Cash.Where(c => !IsBalanceSheet(c)))
        {
            diagnostics.Add(Diagnostic.Error("cashflow.not-balance-sheet", null, $"The cash-flow definition names '{cash}' as cash, but it is not a balance-sheet concept (an amount at a date) of the release model."));
        }

        foreach (var rule in definition.Rules.Where(r => r.Concept != "*" && !IsBalanceSheet(r.Concept)))
        {
            diagnostics.Add(Diagnostic.Error("cashflow.not-balance-sheet", rule.Location, $"'{rule.Concept}' is not a balance-sheet concept (an amount at a date) of the release model; the rows of the cash-flow definition classify the movements of balance-sheet concepts."));
        }

        if (diagnostics.Count > 0)
        {
            return new Result<IReadOnlyList<CashFlowStatement>>(null, diagnostics);
        }

        bool IsBalanceSheet(string concept) => concepts.TryGetValue(concept, out var c) && c.PeriodType == PeriodType.Instant;

        var statements = new List<CashFlowStatement>();
        var durations = balances.Amounts.Keys.Select(k => k.Concept).Distinct()
            .Where(c => concepts.TryGetValue(c, out var concept) && concept.PeriodType == PeriodType.Duration).ToList();
        decimal At(string concept, LedgerPeriod period) => balances.Amounts.GetValueOrDefault((concept, period));
        var unclassified = new HashSet<(string, string)>();

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
            decimal nonCash = 0m, effect = 0m;
            var movements = balances.Flows.Where(kv => kv.Key.Period == period)
                .OrderBy(kv => kv.Key.Concept, StringComparer.Ordinal).ThenBy(kv => kv.Key.Flow, StringComparer.Ordinal);
            foreach (var ((concept, flow, _), movement) in movements)
            {
                var isCash = definition.Cash.Contains(concept);
                if (movement == 0m || flow == Consolidator.ClosingFlow || (isCash && flow.Length == 0))
                {
                    continue;
                }

                if (definition.Find(concept, flow) is not { } rule)
                {
                    if (unclassified.Add((concept, flow)))
                    {
                        var which = flow.Length == 0 ? "" : $" with flow '{flow}'";
                        diagnostics.Add(Diagnostic.Error("cashflow.unclassified", null, $"The balance of {concept} changed{which} by {movement.ToString("#,0.####", CultureInfo.InvariantCulture)} (debits +) in {period}, but the cash-flow definition gives it no line."));
                    }

                    continue;
                }

                if (isCash)
                {
                    if (definition.CashEffectLine is null)
                    {
                        diagnostics.Add(Diagnostic.Error("cashflow.no-cash-effect", rule.Location, $"Cash ({concept}) moved with flow '{flow}' in {period}, which is not a cash flow; name the line for it with 'cash-effect LINE'."));
                        continue;
                    }

                    effect += movement;
                }

                if (rule.Section == CashFlowSection.NonCash)
                {
                    nonCash -= movement;
                }
                else
                {
                    lines[(rule.Section, rule.Line)] = lines.GetValueOrDefault((rule.Section, rule.Line)) - movement;
                }
            }

            var cashBefore = definition.Cash.Sum(c => At(c, previous));
            var cashAfter = definition.Cash.Sum(c => At(c, period));
            var statement = new CashFlowStatement(
                period,
                netIncome,
                lines.Where(kv => kv.Value != 0m).Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)).OrderBy(l => l.Item1).ThenBy(l => l.Item2, StringComparer.Ordinal).ToList(),
                cashBefore,
                cashAfter,
                effect);
            if (nonCash != 0m)
            {
                diagnostics.Add(Diagnostic.Error("cashflow.noncash-unbalanced", null, $"In {period}, the movements the definition calls non-cash do not cancel: they leave {nonCash.ToString("#,0.####", CultureInfo.InvariantCulture)} (cash in +) that is a cash flow; give those movements a line."));
            }

            if (diagnostics.Count == problemsBefore && cashBefore + statement.NetChange + effect != cashAfter)
            {
                diagnostics.Add(Diagnostic.Error("cashflow.roll-forward", null, $"In {period}, cash at the beginning ({cashBefore:#,0}) plus the net change ({statement.NetChange:#,0}) and the effect on cash ({effect:#,0}) is not cash at the end ({cashAfter:#,0})."));
            }

            statements.Add(statement);
        }

        return new Result<IReadOnlyList<CashFlowStatement>>(diagnostics.Count == 0 ? statements : null, diagnostics);
    }
}
