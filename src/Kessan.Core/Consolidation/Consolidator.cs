using System.Globalization;
using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Consolidation;

/// <summary>
/// The group's consolidated amounts per concept and period, debits positive: period movements for duration
/// concepts, balances at the period's end (all movements up to it) for instant concepts. <see cref="Flows"/> holds
/// the movements of each period per concept and flow (movement type): the flows the ledgers' postings carry
/// (<c>""</c> for none) and those consolidation makes (<see cref="Consolidator.MinorityInterestFlow"/>,
/// <see cref="Consolidator.EquityMethodFlow"/>, <see cref="Consolidator.ClosingFlow"/>).
/// </summary>
public sealed record ConsolidatedBalances(
    IReadOnlyDictionary<(string Concept, LedgerPeriod Period), decimal> Amounts,
    IReadOnlyList<LedgerPeriod> Periods,
    IReadOnlyDictionary<(string Concept, string Flow, LedgerPeriod Period), decimal> Flows)
{
    /// <summary>
    /// The amounts as facts in base units, signed in each concept's natural direction (a credit concept positive
    /// when credit); instant concepts at the period's last day.
    /// </summary>
    public IEnumerable<Fact> ToFacts(IReadOnlyDictionary<string, Concept> concepts) =>
        Amounts.Select(kv =>
        {
            var concept = concepts[kv.Key.Concept];
            var value = concept.Balance == Balance.Credit ? -kv.Value : kv.Value;
            var period = concept.PeriodType == PeriodType.Instant ? Period.Instant(kv.Key.Period.Dates.End) : kv.Key.Period.Dates;
            return new Fact(kv.Key.Concept, period, value);
        });
}

/// <summary>
/// Consolidates the trial balances of a group's entities into its statements' concepts:
/// <list type="bullet">
/// <item>the parent and its subsidiaries line by line at 100%, through each entity's account mapping;</item>
/// <item>intercompany balances (receivables/payables, revenue/cost) eliminated by counterparty: the two sides must
/// cancel in every period, or it is an error saying by how much they differ;</item>
/// <item>the parent's investment in a subsidiary eliminated against its share of the subsidiary's equity; the
/// minority's share of that equity and of the subsidiary's net income (loss) shown as minority interests in the
/// balance sheet and in the statement of operations;</item>
/// <item>equity-method affiliates not consolidated: the group's share of their net income (loss) shown as one line
/// and added to the investment.</item>
/// </list>
/// A subsidiary's or affiliate's net income (loss) is the sum of its duration concepts.
/// </summary>
public static class Consolidator
{
    /// <summary>The flow of the minority's share of a subsidiary's net income (loss) in the minority-interest balance.</summary>
    public const string MinorityInterestFlow = "minority-interest";

    /// <summary>The flow of the group's share of an affiliate's net income (loss) in the investment.</summary>
    public const string EquityMethodFlow = "equity-method";

    /// <summary>The flow of the closing entry: the period's net income (loss) into retained earnings.</summary>
    public const string ClosingFlow = "closing";

    public static Result<ConsolidatedBalances> Consolidate(
        TrialBalance trialBalance,
        GroupStructure group,
        IReadOnlyDictionary<string, AccountMapping> mappings,
        IReadOnlyDictionary<string, Concept> concepts,
        string currency = "JPY")
    {
        var diagnostics = new List<Diagnostic>();
        var periods = trialBalance.Periods.ToList();
        var movement = new Dictionary<(string Concept, LedgerPeriod Period), decimal>();
        var flows = new Dictionary<(string Concept, string Flow, LedgerPeriod Period), decimal>();
        var equityFlows = new Dictionary<(string Sub, LedgerPeriod Period, string Flow), decimal>();
        var netIncome = new Dictionary<(string Entity, LedgerPeriod Period), decimal>();
        var pairs = new Dictionary<(string A, string B, LedgerPeriod Period, PeriodType Type), (decimal A, decimal B)>();
        var investments = new Dictionary<(string Sub, LedgerPeriod Period), (decimal Investment, decimal Equity)>();
        var unmapped = new HashSet<(string, string)>();
        var strangers = new HashSet<MappingRule>();

        // An entity some of whose amounts could not be placed (no mapping, an unmapped account, an unknown concept…):
        // the first problem saying so, and how many checks against its amounts were therefore not made. Those checks
        // would only repeat the problem as mismatches.
        var incomplete = new Dictionary<string, (int Problem, int Blocked)>(StringComparer.Ordinal);
        void Incomplete(string entity, Diagnostic problem)
        {
            incomplete.TryAdd(entity, (diagnostics.Count, 0));
            diagnostics.Add(problem);
        }

        bool Blocked(params string[] entities)
        {
            var blocked = false;
            foreach (var entity in entities.Distinct())
            {
                if (incomplete.TryGetValue(entity, out var e))
                {
                    incomplete[entity] = (e.Problem, e.Blocked + 1);
                    blocked = true;
                }
            }

            return blocked;
        }

        void Add(string concept, LedgerPeriod period, decimal amount, string flow = "")
        {
            movement[(concept, period)] = movement.GetValueOrDefault((concept, period)) + amount;
            flows[(concept, flow, period)] = flows.GetValueOrDefault((concept, flow, period)) + amount;
        }

        foreach (var entity in trialBalance.Lines.Select(l => l.Entity).Distinct())
        {
            if (group.Find(entity) is null)
            {
                diagnostics.Add(Diagnostic.Error("consolidation.unknown-entity", group.File is { } groupFile ? new SourceLocation(groupFile, 0) : null, $"The ledgers hold an entity \"{entity}\" that the group file does not list (as parent, subsidiary or affiliate)."));
            }
            else if (!mappings.ContainsKey(entity))
            {
                Incomplete(entity, Diagnostic.Error("consolidation.no-mapping", group.Find(entity)?.Location, $"There is no account mapping for the entity \"{entity}\": the ledger folder needs {entity}.map, mapping its accounts to concepts."));
            }
        }

        foreach (var line in trialBalance.Lines)
        {
            if (group.Find(line.Entity) is not { } member || !mappings.TryGetValue(line.Entity, out var mapping))
            {
                continue;
            }

            if (!string.Equals(line.Currency, currency, StringComparison.Ordinal))
            {
                Incomplete(line.Entity, Diagnostic.Error("consolidation.currency", null, $"{line.Entity}'s account \"{line.Account}\" has a balance in {line.Currency} in {line.Period}; consolidation needs every amount in {currency}."));
                continue;
            }

            var rule = mapping.Find(line.Account);
            if (rule is null)
            {
                if (unmapped.Add((line.Entity, line.Account)))
                {
                    Incomplete(line.Entity, Diagnostic.Error("consolidation.unmapped-account", mapping.File is { } mapFile ? new SourceLocation(mapFile, 0) : null, $"{line.Entity}'s account \"{line.Account}\" (balance {Amount(line.Amount)} in {line.Period}) is not in its account mapping; map it to a concept."));
                }

                continue;
            }

            if (!concepts.TryGetValue(rule.Concept, out var concept))
            {
                if (unmapped.Add((line.Entity, rule.Concept)))
                {
                    Incomplete(line.Entity, Diagnostic.Error("consolidation.unknown-concept", rule.Location, $"The concept \"{rule.Concept}\" is not in the release model."));
                }

                continue;
            }

            if (concept.PeriodType == PeriodType.Duration)
            {
                netIncome[(line.Entity, line.Period)] = netIncome.GetValueOrDefault((line.Entity, line.Period)) + line.Amount;
            }

            if (member.Method == ConsolidationMethod.Affiliate)
            {
                continue; // equity method: only the share of net income enters, below
            }

            if (rule.Counterparty is { } other && group.Find(other) is null)
            {
                if (strangers.Add(rule))
                {
                    Incomplete(line.Entity, Diagnostic.Error("consolidation.unknown-counterparty", rule.Location, $"The counterparty \"{other}\" is not an entity of the group."));
                }

                continue;
            }

            if ((rule.Kind == IntercompanyKind.Investment && group.Find(rule.Counterparty!) is { Method: not ConsolidationMethod.Subsidiary })
                || (rule.Kind == IntercompanyKind.Equity && member.Method != ConsolidationMethod.Subsidiary))
            {
                if (strangers.Add(rule))
                {
                    var message = rule.Kind == IntercompanyKind.Investment
                        ? $"\"investment-in {rule.Counterparty}\" marks the parent's investment in a subsidiary, but the group file lists {rule.Counterparty} as {(group.Find(rule.Counterparty!)!.Method == ConsolidationMethod.Affiliate ? "an affiliate (equity method)" : "the parent")}; an investment in an affiliate is mapped to its concept without the mark."
                        : $"\"owned-by\" marks a subsidiary's equity held by the parent, but the group file lists {line.Entity} as the parent; its equity is mapped without the mark.";
                    Incomplete(line.Entity, Diagnostic.Error("consolidation.not-a-subsidiary", rule.Location, message));
                }

                continue;
            }

            switch (rule.Kind)
            {
                case IntercompanyKind.Balance when group.Find(rule.Counterparty!) is { Method: not ConsolidationMethod.Affiliate }:
                {
                    var first = string.CompareOrdinal(line.Entity, rule.Counterparty) < 0;
                    var key = first ? (line.Entity, rule.Counterparty!, line.Period, concept.PeriodType) : (rule.Counterparty!, line.Entity, line.Period, concept.PeriodType);
                    var (a, b) = pairs.GetValueOrDefault(key);
                    pairs[key] = first ? (a + line.Amount, b) : (a, b + line.Amount);
                    continue;
                }

                case IntercompanyKind.Investment:
                {
                    var (inv, eq) = investments.GetValueOrDefault((rule.Counterparty!, line.Period));
                    investments[(rule.Counterparty!, line.Period)] = (inv + line.Amount, eq);
                    continue;
                }

                case IntercompanyKind.Equity:
                {
                    var (inv, eq) = investments.GetValueOrDefault((line.Entity, line.Period));
                    investments[(line.Entity, line.Period)] = (inv, eq + line.Amount);
                    equityFlows[(line.Entity, line.Period, line.Flow)] = equityFlows.GetValueOrDefault((line.Entity, line.Period, line.Flow)) + line.Amount;
                    continue;
                }
            }

            Add(rule.Concept, line.Period, line.Amount, line.Flow);
        }

        foreach (var ((a, b, period, type), (sa, sb)) in pairs.OrderBy(p => p.Key.Period).ThenBy(p => p.Key.A, StringComparer.Ordinal).ThenBy(p => p.Key.Type))
        {
            if (sa + sb != 0m && !Blocked(a, b))
            {
                var what = type == PeriodType.Duration ? "revenue and costs" : "receivables and payables";
                diagnostics.Add(Diagnostic.Error("consolidation.intercompany-mismatch", null, $"In {period}, {a}'s {what} with {b} ({Amount(sa)}, debits +) and {b}'s with {a} ({Amount(sb)}) do not cancel: they differ by {Amount(Math.Abs(sa + sb))}."));
            }
        }

        var parent = group.Entities.FirstOrDefault(e => e.Method == ConsolidationMethod.Parent)?.Name ?? "";
        var balanceConcept = group.Concept(GroupStructure.MinorityInterestBalance);
        var incomeConcept = group.Concept(GroupStructure.MinorityInterestIncome);
        foreach (var member in group.Entities)
        {
            foreach (var period in periods)
            {
                var ni = netIncome.GetValueOrDefault((member.Name, period));
                switch (member.Method)
                {
                    case ConsolidationMethod.Subsidiary:
                    {
                        var minority = 1m - member.Ownership;
                        var (inv, eq) = investments.GetValueOrDefault((member.Name, period));
                        if (inv + (member.Ownership * eq) != 0m && !Blocked(member.Name, parent))
                        {
                            diagnostics.Add(Diagnostic.Error("consolidation.investment-mismatch", null, $"In {period}, the investment in {member.Name} moved by {Amount(inv)}, but {Pct(member.Ownership)} of its equity held by the parent moved by {Amount(-member.Ownership * eq)}."));
                        }

                        // The minority's share of the equity the parent does not hold, in the flows its postings carry.
                        foreach (var (flow, amount) in equityFlows.Where(e => e.Key.Sub == member.Name && e.Key.Period == period).Select(e => (e.Key.Flow, e.Value)).OrderBy(f => f.Flow, StringComparer.Ordinal))
                        {
                            Add(balanceConcept, period, minority * amount, flow);
                        }

                        Add(incomeConcept, period, -minority * ni);
                        Add(balanceConcept, period, minority * ni, MinorityInterestFlow);
                        break;
                    }

                    case ConsolidationMethod.Affiliate:
                        Add(group.Concept(GroupStructure.EquityMethodIncome), period, member.Ownership * ni);
                        Add(group.Concept(GroupStructure.EquityMethodInvestment), period, -member.Ownership * ni, EquityMethodFlow);
                        break;
                }
            }
        }

        foreach (var (entity, (problem, blocked)) in incomplete.Where(e => e.Value.Blocked > 0))
        {
            diagnostics[problem] = diagnostics[problem] with { Message = $"{diagnostics[problem].Message} ({blocked} intercompany or investment check{(blocked == 1 ? "" : "s")} with {entity}'s amounts could not be made)" };
        }

        foreach (var period in diagnostics.Count > 0 ? [] : periods)
        {
            var total = movement.Where(kv => kv.Key.Period == period).Sum(kv => kv.Value);
            if (total != 0m)
            {
                diagnostics.Add(Diagnostic.Error("consolidation.out-of-balance", null, $"The consolidated amounts of {period} do not balance (debits exceed credits by {Amount(total)}); an entity's trial balance does not balance."));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new Result<ConsolidatedBalances>(null, diagnostics);
        }

        if (group.Concepts.TryGetValue(GroupStructure.RetainedEarnings, out var retained))
        {
            // The closing entry consolidation makes at every period end: the group's net income (loss) of the
            // period, after minority interests and equity-method results, into retained earnings.
            foreach (var period in periods)
            {
                var net = movement.Where(kv => kv.Key.Period == period && concepts.TryGetValue(kv.Key.Concept, out var c) && c.PeriodType == PeriodType.Duration).Sum(kv => kv.Value);
                Add(retained, period, net, ClosingFlow);
            }
        }

        var amounts = new Dictionary<(string, LedgerPeriod), decimal>();
        foreach (var conceptId in movement.Keys.Select(k => k.Concept).Distinct())
        {
            var instant = concepts.TryGetValue(conceptId, out var c) && c.PeriodType == PeriodType.Instant;
            var running = 0m;
            foreach (var period in periods)
            {
                var m = movement.GetValueOrDefault((conceptId, period));
                running += m;
                amounts[(conceptId, period)] = instant ? running : m;
            }
        }

        var instantFlows = flows
            .Where(kv => kv.Value != 0m && concepts.TryGetValue(kv.Key.Concept, out var c) && c.PeriodType == PeriodType.Instant)
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        return Result<ConsolidatedBalances>.Ok(new ConsolidatedBalances(amounts, periods, instantFlows));
    }

    private static string Amount(decimal v) => "JPY " + v.ToString("#,0.####", CultureInfo.InvariantCulture);

    private static string Pct(decimal share) => (share * 100m).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
