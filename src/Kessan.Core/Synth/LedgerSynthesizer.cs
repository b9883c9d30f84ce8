using System.Globalization;
using System.Text;
using Kessan.Definitions;
using Kessan.Model;

namespace Kessan.Synth;

/// <summary>What <see cref="LedgerSynthesizer.Write"/> wrote.</summary>
public sealed record SynthLedgerSummary(long Transactions, long Postings, IReadOnlyList<string> Files);

/// <summary>
/// Writes seeded synthetic general ledgers of the IIJ group (parent, two subsidiaries, two equity-method affiliates)
/// whose consolidation gives exactly the statement-of-operations and balance-sheet facts of a release:
/// <list type="bullet">
/// <item>each subsidiary's and affiliate's net loss is a whole number of millions of yen, chosen so that the
/// minority's share (35.9%, 47.5%) and the group's share (37.9%, 26.7%) give the minority-interest and equity-method
/// facts to the thousand (359·a + 475·b = M has integer solutions since gcd(359, 475) = 1);</item>
/// <item>the subsidiaries' capital (held 64.1% / 52.5% by the parent) is chosen the same way so that the minority
/// interest in the balance sheet comes out at every balance-sheet date;</item>
/// <item>the parent sells connectivity to each subsidiary (an intercompany pair that cancels);</item>
/// <item>the parent books the rest of every line; the balance sheet at the dates the release does not show
/// (2002-03-31, 2002-12-31 apart from cash) is chosen so that every entry balances.</item>
/// </list>
/// The amounts of every (entity, period, account) are split over many postings in whole yen by a seeded random
/// generator and written as they are drawn, so memory does not grow with the number of transactions.
/// </summary>
public static class LedgerSynthesizer
{
    public const string Parent = "iij";

    private const decimal Million = 1_000_000m;

    private static readonly (string Name, decimal Ownership)[] Subsidiaries = [("iij-technology", 0.641m), ("net-care", 0.525m)];

    private static readonly (string Name, decimal Ownership)[] Affiliates = [("crosswave", 0.379m), ("aih", 0.267m)];

    private const string MinorityIncome = "minority_interest_income";
    private const string MinorityBalance = "bs.minority_interest";
    private const string EquityIncome = "equity_method_income";
    private const string EquityInvestment = "bs.equity_method_investments";
    private const string Retained = "bs.accumulated_deficit";
    private const string Cash = "bs.cash";
    private const string Plug = "bs.other_current_liabilities";
    private const string SubRevenue = "revenue.systems_integration";
    private const string SubCost = "cost.systems_integration";
    private const string IntercoRevenue = "revenue.dedicated_access";
    private const string IntercoCost = "cost.connectivity_and_value_added";
    private const string AffiliateExpense = "expense.general_and_administrative";

    /// <summary>
    /// The concepts the ledgers hold: the statement-of-operations, balance-sheet and cash-flow lines given in
    /// thousands (the cash-flow lines, depreciation and amortization included, through the flows of the postings).
    /// </summary>
    public static bool IsLedgerConcept(Fact fact, Concept concept) =>
        fact.Decimals == -3
        && (concept.PeriodType == PeriodType.Instant ? fact.Concept.StartsWith("bs.", StringComparison.Ordinal) : true);

    /// <summary>The statement-of-operations and balance-sheet concepts among them: what the accounts themselves add up to.</summary>
    private static bool IsStatementConcept(Fact fact, Concept concept) =>
        IsLedgerConcept(fact, concept) && !IsCashFlowLine(fact.Concept);

    private static bool IsCashFlowLine(string concept) =>
        concept.StartsWith("cf.", StringComparison.Ordinal) || concept == DepreciationLine;

    /// <summary>
    /// One ledger's movement on one account in one quarter (debits positive, whole yen), with the flow its postings
    /// carry; written against the entity's cash account, or against <paramref name="CounterAccount"/> (with its flow).
    /// </summary>
    private sealed record Movement(string Entity, int Quarter, string Concept, string Account, long Amount, string Flow = "", string? CounterAccount = null, string CounterFlow = "");

    /// <summary>
    /// A line of the statement of cash flows and where the parent books it: the balance-sheet concept and flow that
    /// carry it, the section, and for a non-cash item the statement-of-operations concept on the other side (none:
    /// against cash).
    /// </summary>
    private sealed record CashLine(string Line, string Concept, string Flow, string Section, string? Counter = null);

    private const string DepreciationLine = "depreciation_and_amortization";
    private const string FxLine = "cf.foreign_exchange_losses";
    private const string FxFlow = "fx";
    private const string EffectLine = "cf.exchange_rate_effect";
    private const string OtherOperating = "cf.other_operating";
    private const string OtherFlow = "other";
    private const string IssuanceLine = "cf.issuance_of_common_stock";
    private const string FxConcept = "other_income_expense";
    private const string FxRemainderConcept = "bs.other_investments";

    private static readonly CashLine[] CashLines =
    [
        new(DepreciationLine, "bs.property_and_equipment", "depreciation", "operating", "cost.connectivity_and_value_added"),
        new("cf.losses_on_other_investments", "bs.other_investments", "loss", "operating", FxConcept),
        new("cf.deferred_income_taxes", "bs.other_assets", "deferred-tax", "operating", "income_tax_expense"),
        new("cf.change_in_accounts_receivable", "bs.accounts_receivable", "", "operating"),
        new("cf.change_in_accounts_payable", "bs.accounts_payable", "", "operating"),
        new("cf.change_in_inventories", "bs.inventories", "", "operating"),
        new("cf.purchase_of_property", "bs.property_and_equipment", "", "investing"),
        new("cf.sale_leaseback", "bs.property_and_equipment", "sale-leaseback", "investing"),
        new("cf.sales_of_other_investments", "bs.other_investments", "sale", "investing"),
        new("cf.investments_in_equity_method", "bs.equity_method_investments", "", "investing"),
        new("cf.purchase_of_other_investments", "bs.other_investments", "", "investing"),
        new("cf.deposit_to_restricted_cash", "bs.restricted_cash", "", "investing"),
        new("cf.guarantee_deposits", "bs.guarantee_deposits", "", "investing"),
        new("cf.other_investing", "bs.other_assets", "other-investing", "investing"),
        new("cf.proceeds_from_long_term_borrowings", "bs.long_term_borrowings", "", "financing"),
        new("cf.repayments_of_long_term_borrowings", "bs.long_term_borrowings_current", "", "financing"),
        new("cf.capital_lease_payments", "bs.capital_lease_obligations_current", "", "financing"),
        new("cf.short_term_borrowings_net", "bs.short_term_borrowings", "", "financing"),
        new(IssuanceLine, "bs.additional_paid_in_capital", "", "financing"),
    ];

    /// <summary>Works out every entity's movements, then writes ledgers, mappings and the group file into <paramref name="outDir"/>.</summary>
    public static SynthLedgerSummary Write(ReleaseDefinition definition, FactSet facts, string outDir, long transactions, int seed)
    {
        var (movements, accounts, cashFlow) = Plan(definition, facts);
        Directory.CreateDirectory(outDir);
        var csvDir = Path.Combine(outDir, "csv");
        Directory.CreateDirectory(csvDir);
        var files = new List<string>();
        var entities = new[] { Parent }.Concat(Subsidiaries.Select(s => s.Name)).Concat(Affiliates.Select(a => a.Name)).ToList();

        var group = GroupText();
        foreach (var dir in new[] { outDir, csvDir })
        {
            File.WriteAllText(Path.Combine(dir, "group.txt"), group);
            files.Add(Path.Combine(dir, "group.txt"));
            File.WriteAllText(Path.Combine(dir, LedgerRelease.CashFlowFile), cashFlow);
            files.Add(Path.Combine(dir, LedgerRelease.CashFlowFile));
            foreach (var entity in entities)
            {
                var path = Path.Combine(dir, entity + ".map");
                File.WriteAllText(path, MappingText(entity, accounts, definition));
                files.Add(path);
            }
        }

        var items = movements.Where(m => m.Amount != 0 && m.Concept != Cash).ToList();
        var perItem = Math.Max(1, transactions / Math.Max(1, items.Count));
        var extra = Math.Max(0, transactions - (perItem * items.Count));
        var random = new Random(seed);
        long written = 0;
        var index = 0;
        foreach (var entity in entities)
        {
            var journalPath = Path.Combine(outDir, entity + ".journal");
            var csvPath = Path.Combine(csvDir, entity + ".csv");
            files.Add(journalPath);
            files.Add(csvPath);
            using var journal = new StreamWriter(journalPath, false, new UTF8Encoding(false), 1 << 20);
            using var csv = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 20);
            journal.Write($"; {entity}: synthetic general ledger written by kessan synth-ledger (seed {seed})\n");
            foreach (var account in accounts[entity].Keys.Order(StringComparer.Ordinal))
            {
                journal.Write($"account {account}\n");
            }

            journal.Write('\n');
            csv.Write("date,transaction id,entity,account,amount,currency,memo,flow\n");
            var cashAccount = AccountName(Cash, definition);
            foreach (var item in items.Where(m => m.Entity == entity))
            {
                var count = perItem + (index++ < extra ? 1 : 0);
                count = Math.Min(count, Math.Abs(item.Amount));
                var (start, days) = QuarterDates(item.Quarter);
                var remaining = item.Amount;
                for (long i = 0; i < count; i++)
                {
                    long part;
                    if (i == count - 1)
                    {
                        part = remaining;
                    }
                    else
                    {
                        var share = remaining / (count - i);
                        part = share + (long)((random.NextDouble() - 0.5) * share);
                        if (part == 0)
                        {
                            part = Math.Sign(remaining);
                        }
                    }

                    remaining -= part;
                    written++;
                    var date = start.AddDays(item.Quarter == 0 ? days - 1 : random.Next(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var id = "T" + written.ToString("D8", CultureInfo.InvariantCulture);
                    var amount = part.ToString(CultureInfo.InvariantCulture);
                    var negated = (-part).ToString(CultureInfo.InvariantCulture);
                    var counter = item.CounterAccount ?? cashAccount;
                    journal.Write($"{date} * ({id}) {Describe(item)}\n    {item.Account}  JPY {amount}{FlowTag(item.Flow)}\n    {counter}  JPY {negated}{FlowTag(item.CounterFlow)}\n\n");
                    csv.Write($"{date},{id},{entity},{item.Account},{amount},JPY,{Describe(item)},{item.Flow}\n{date},{id},{entity},{counter},{negated},JPY,{Describe(item)},{item.CounterFlow}\n");
                }
            }
        }

        return new SynthLedgerSummary(written, written * 2, files);
    }

    private static string FlowTag(string flow) => flow.Length == 0 ? "" : "  ; flow: " + flow;

    private static string Describe(Movement m) => m.Quarter == 0 ? "Opening balance" : m.Entity == Parent ? "Posting" : "Group posting";

    /// <summary>Quarters 0..5: 4Q01 (the opening balances, on 2002-03-31), 1Q02, 2Q02, 3Q02, 4Q02, 1Q03.</summary>
    private static (DateOnly Start, int Days) QuarterDates(int quarter)
    {
        var start = new DateOnly(2002, 1, 1).AddMonths(3 * quarter);
        return (start, start.AddMonths(3).DayNumber - start.DayNumber);
    }

    private static DateOnly QuarterEnd(int quarter) => QuarterDates(quarter).Start.AddMonths(3).AddDays(-1);

    private static (List<Movement> Movements, Dictionary<string, Dictionary<string, string>> Accounts, string CashFlow) Plan(ReleaseDefinition definition, FactSet facts)
    {
        const int quarters = 6;
        int[] reported = [1, 4, 5];
        var ledgerFacts = facts.All.Where(f => definition.Concepts.TryGetValue(f.Concept, out var c) && IsStatementConcept(f, c)).ToList();
        var cashFlowFacts = facts.All.Where(f => IsCashFlowLine(f.Concept) && f.Decimals == -3).ToList();
        decimal Debit(Fact f) => definition.Concepts[f.Concept].Balance == Balance.Credit ? -f.Value : f.Value;
        int? QuarterOfFact(Fact f) => Enumerable.Range(0, quarters).Cast<int?>().FirstOrDefault(q => QuarterEnd(q!.Value) == f.Period.End);

        var durations = ledgerFacts.Where(f => !f.Period.IsInstant).Select(f => f.Concept).Distinct().Order(StringComparer.Ordinal).ToList();
        var instants = ledgerFacts.Where(f => f.Period.IsInstant).Select(f => f.Concept).Distinct().Order(StringComparer.Ordinal).ToList();
        var duration = durations.ToDictionary(c => c, _ => new decimal[quarters]);
        var balance = instants.ToDictionary(c => c, _ => new decimal?[quarters]);
        foreach (var f in ledgerFacts)
        {
            var q = QuarterOfFact(f) ?? throw new InvalidOperationException($"{f.Concept}: no quarter ends on {f.Period.End}");
            if (f.Period.IsInstant)
            {
                balance[f.Concept][q] = Debit(f);
            }
            else
            {
                duration[f.Concept][q] = Debit(f);
            }
        }

        // Net losses (debits positive) of the subsidiaries and affiliates, in millions of yen, per quarter.
        var subLoss = Subsidiaries.Select(_ => new long[quarters]).ToArray();
        var affLoss = Affiliates.Select(_ => new long[quarters]).ToArray();
        foreach (var q in reported)
        {
            // minority income (debits +) = -Σ minority share × loss  →  359·k1 + 475·k2 = -minority income / 1,000
            var (k1, k2) = Solve(359, 475, (long)(-duration[MinorityIncome][q] / 1000m));
            subLoss[0][q] = k1;
            subLoss[1][q] = k2;
            var (a1, a2) = Solve(379, 267, (long)(duration[EquityIncome][q] / 1000m));
            affLoss[0][q] = a1;
            affLoss[1][q] = a2;
        }

        // The group's net loss per quarter (debits +): every duration line, minority and equity method included.
        var net = new decimal[quarters];
        foreach (var q in reported)
        {
            net[q] = durations.Sum(c => duration[c][q]);
        }

        // Subsidiaries' capital injections (millions, credit +): in 4Q01 (opening), 2Q02 and 1Q03, so that the
        // minority interest = Σ minority share × (capital - cumulative loss) is the fact at every reported date.
        var capital = Subsidiaries.Select(_ => new long[quarters]).ToArray();
        var minority = new decimal[quarters]; // debits +
        void Inject(int q, int target, params int[] lossQuarters)
        {
            var before = q == 0 ? 0m : minority[q - 1];
            var losses = lossQuarters.Sum(l => (359m * subLoss[0][l]) + (475m * subLoss[1][l])) * 1000m;
            // balance[target] = before - 1000·(359·E1 + 475·E2) + losses
            var (e1, e2) = Solve(359, 475, (long)((before + losses - balance[MinorityBalance][target]!.Value) / 1000m));
            capital[0][q] = e1;
            capital[1][q] = e2;
        }

        Inject(0, 1, 1);
        for (var q = 0; q < quarters; q++)
        {
            if (q == 2)
            {
                Inject(2, 4, 4);
            }
            else if (q == 5)
            {
                Inject(5, 5, 5);
            }

            minority[q] = (q == 0 ? 0m : minority[q - 1])
                + Subsidiaries.Select((s, j) => (1m - s.Ownership) * ((-capital[j][q] + subLoss[j][q]) * Million)).Sum();
        }

        foreach (var q in reported)
        {
            if (minority[q] != balance[MinorityBalance][q])
            {
                throw new InvalidOperationException($"minority interest at {QuarterEnd(q)}: {minority[q]} ≠ {balance[MinorityBalance][q]}");
            }
        }

        // Balance sheets at the dates the release does not show: 2002-03-31 and 2002-09-30 like 2002-06-30,
        // 2002-12-31 like 2003-03-31; cash as reported, retained earnings rolled by the net loss, the rest in a plug.
        var retained = balance[Retained];
        retained[0] = retained[1] - net[1];
        retained[3] = retained[4] - net[4];
        net[2] = Math.Round((retained[3]!.Value - retained[1]!.Value) / 2m / 1000m) * 1000m;
        net[3] = retained[3]!.Value - retained[1]!.Value - net[2];
        retained[2] = retained[1] + net[2];
        duration[AffiliateExpense][2] = net[2];
        duration[AffiliateExpense][3] = net[3];
        foreach (var (from, to) in new[] { (1, 0), (1, 2), (4, 3) })
        {
            foreach (var c in instants.Where(c => c is not (Retained or Plug)))
            {
                balance[c][to] ??= c == MinorityBalance ? minority[to] : balance[c][from];
            }

            balance[Plug][to] = -instants.Where(c => c != Plug).Sum(c => balance[c][to]!.Value);
        }

        foreach (var q in Enumerable.Range(0, quarters))
        {
            var total = instants.Sum(c => balance[c][q]!.Value);
            if (total != 0m)
            {
                throw new InvalidOperationException($"the balance sheet at {QuarterEnd(q)} does not balance ({total})");
            }
        }

        // Consolidated movement targets per concept and quarter (debits +), less what consolidation itself adds.
        var target = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var c in durations)
        {
            target[c] = (decimal[])duration[c].Clone();
        }

        foreach (var c in instants)
        {
            target[c] = Enumerable.Range(0, quarters).Select(q => balance[c][q]!.Value - (q == 0 ? 0m : balance[c][q - 1]!.Value)).ToArray();
        }

        var movements = new List<Movement>();
        var accounts = new[] { Parent }.Concat(Subsidiaries.Select(s => s.Name)).Concat(Affiliates.Select(a => a.Name))
            .ToDictionary(e => e, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        void Book(string entity, int q, string concept, decimal amount, string? account = null, string? marker = null, string flow = "")
        {
            account ??= AccountName(concept, definition);
            accounts[entity][account] = marker is null ? concept : concept + "  " + marker;
            if (amount != 0m)
            {
                movements.Add(new Movement(entity, q, concept, account, checked((long)amount), flow));
            }
        }

        var untaggedLines = UntaggedLines(instants);
        var cashAccount = AccountName(Cash, definition);

        for (var q = 0; q < quarters; q++)
        {
            target[MinorityIncome][q] = 0m;
            target[MinorityBalance][q] = 0m;
            target[EquityIncome][q] = 0m;
            target[Retained][q] -= durations.Sum(c => duration[c][q]);
            for (var j = 0; j < Subsidiaries.Length; j++)
            {
                var (name, ownership) = Subsidiaries[j];
                var title = Title(name);
                var loss = subLoss[j][q] * Million;
                var interco = reported.Contains(q) ? Math.Round(duration[IntercoRevenue][q] / -50m / 1000m) * 1000m : 0m;
                var revenue = reported.Contains(q) ? Math.Round(duration[SubRevenue][q] / 5m) - Math.Abs(loss) - interco : 0m;
                var cost = -revenue + loss - interco;
                var equity = -capital[j][q] * Million;
                var investment = ownership * capital[j][q] * Million;
                Book(name, q, IntercoCost, interco, "Expenses:Connectivity:IIJ", Parent);
                Book(name, q, SubRevenue, revenue);
                Book(name, q, SubCost, cost);
                Book(name, q, "bs.common_stock", equity, "Equity:Capital Stock", "owned-by " + Parent);
                Book(name, q, Cash, -(interco + revenue + cost + equity));
                Book(Parent, q, IntercoRevenue, -interco, "Income:Group:" + title, name);
                Book(Parent, q, "bs.other_investments", investment, "Investments:" + title, "investment-in " + name);
                target[SubRevenue][q] -= revenue;
                target[SubCost][q] -= cost;
                target[Cash][q] -= -(interco + revenue + cost + equity);
            }

            for (var j = 0; j < Affiliates.Length; j++)
            {
                var (name, ownership) = Affiliates[j];
                var loss = affLoss[j][q] * Million;
                Book(name, q, AffiliateExpense, loss);
                Book(name, q, Cash, -loss);
                target[EquityInvestment][q] += ownership * loss;
            }

            if (reported.Contains(q))
            {
                // The statement of cash flows: the parent books each line on the concept and flow that carry it —
                // against cash, or for a non-cash item against the statement-of-operations line it adds back.
                decimal Line(string line) => cashFlowFacts.Single(f => f.Concept == line && QuarterOfFact(f) == q).Value;
                void Piece(string concept, decimal movement, string flow, string? counter, string counterFlow = "")
                {
                    target[concept][q] -= movement;
                    if (counter is not null and not Cash)
                    {
                        target[counter][q] += movement; // the other side; cash keeps its total, checked below
                    }

                    if (movement != 0m)
                    {
                        movements.Add(new Movement(Parent, q, concept, AccountName(concept, definition), checked((long)movement), flow, counter is null ? null : AccountName(counter, definition), counterFlow));
                    }
                }

                // The minority's capital paid into the subsidiaries is cash from outside the group, on the issuance line.
                var minorityCapital = Subsidiaries.Select((sub, j) => (1m - sub.Ownership) * capital[j][q] * Million).Sum();
                foreach (var line in CashLines)
                {
                    Piece(line.Concept, -(Line(line.Line) - (line.Line == IssuanceLine ? minorityCapital : 0m)), line.Flow, line.Counter);
                }

                // Foreign-currency cash revalued (the effect of exchange rates on cash, a loss added back in operating
                // activities); the rest of the foreign-exchange loss on other investments.
                var effect = Line(EffectLine);
                Piece(FxConcept, -effect, "", Cash, FxFlow);
                Piece(FxRemainderConcept, -(Line(FxLine) + effect), FxFlow, FxConcept);
            }

            foreach (var c in target.Keys.Order(StringComparer.Ordinal).Where(c => c != Cash))
            {
                // What is left of a line that has a cash-flow line of its own is "other" (other operating activities).
                var flow = reported.Contains(q) && untaggedLines.TryGetValue(c, out var line) && line != OtherOperating ? OtherFlow : "";
                Book(Parent, q, c, target[c][q], flow: flow);
            }

            Book(Parent, q, Cash, target[Cash][q]);
            var viaCash = movements.Where(m => m.Entity == Parent && m.Quarter == q && m.Concept != Cash && (m.CounterAccount is null || m.CounterAccount == cashAccount)).Sum(m => (decimal)m.Amount);
            if (viaCash + target[Cash][q] != 0m)
            {
                throw new InvalidOperationException($"the parent's ledger does not balance in quarter {q}: {viaCash + target[Cash][q]}");
            }
        }

        return (movements, accounts, CashFlowText(instants));
    }

    /// <summary>The cash-flow line of each balance-sheet concept's movements that carry no flow.</summary>
    private static Dictionary<string, string> UntaggedLines(IEnumerable<string> instants)
    {
        var lines = CashLines.Where(l => l.Flow.Length == 0).ToDictionary(l => l.Concept, l => l.Line, StringComparer.Ordinal);
        lines["bs.common_stock"] = IssuanceLine;
        lines[MinorityBalance] = IssuanceLine;
        foreach (var c in instants.Where(c => c != Cash))
        {
            lines.TryAdd(c, OtherOperating);
        }

        return lines;
    }

    /// <summary>The cash-flow definition (<c>cashflow.txt</c>) that reads the synthetic ledgers' flows as the release's statement.</summary>
    private static string CashFlowText(IEnumerable<string> instants)
    {
        var text = new StringBuilder("# The statement of cash flows: written by kessan synth-ledger\n");
        text.Append($"cash          {Cash}\ncash-effect   {EffectLine}\n\n# balance-sheet concept                  flow               section      line\n");
        void Row(string concept, string flow, string section, string line) =>
            text.Append(CultureInfo.InvariantCulture, $"{concept,-40} {flow,-18} {section,-12} {line}\n");
        var untagged = UntaggedLines(instants);
        foreach (var (concept, line) in untagged.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var section = CashLines.FirstOrDefault(l => l.Line == line)?.Section ?? (line == IssuanceLine ? "financing" : "operating");
            Row(concept, "", section, line);
        }

        foreach (var line in CashLines.Where(l => l.Flow.Length > 0))
        {
            Row(line.Concept, line.Flow, line.Section, line.Line);
        }

        Row(EquityInvestment, Consolidation.Consolidator.EquityMethodFlow, "operating", "-" + EquityIncome);
        Row(MinorityBalance, Consolidation.Consolidator.MinorityInterestFlow, "operating", "-" + MinorityIncome);
        Row("*", FxFlow, "operating", FxLine);
        Row("*", OtherFlow, "operating", OtherOperating);
        return text.ToString();
    }

    /// <summary>Integers (a, b) with a·x + b·y = total, 0 ≤ a &lt; y.</summary>
    internal static (long A, long B) Solve(long x, long y, long total)
    {
        for (long a = 0; a < y; a++)
        {
            var rest = total - (a * x);
            if (rest % y == 0)
            {
                return (a, rest / y);
            }
        }

        throw new InvalidOperationException($"{x}·a + {y}·b = {total} has no integer solution");
    }

    private static string Title(string entity) => entity switch
    {
        "iij" => "IIJ",
        "iij-technology" => "IIJ Technology",
        "net-care" => "Net Care",
        _ => entity,
    };

    /// <summary>An account name for a concept: bs.accounts_receivable → Assets:Accounts Receivable.</summary>
    public static string AccountName(string concept, ReleaseDefinition definition)
    {
        var c = definition.Concepts[concept];
        var words = concept.Contains('.', StringComparison.Ordinal) && !concept.StartsWith("revenue.", StringComparison.Ordinal) && !concept.StartsWith("cost.", StringComparison.Ordinal) && !concept.StartsWith("expense.", StringComparison.Ordinal)
            ? concept[(concept.IndexOf('.', StringComparison.Ordinal) + 1)..]
            : concept;
        var name = string.Join(' ', words.Split('_', '.').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var root = c.PeriodType == PeriodType.Duration ? (c.Balance == Balance.Credit ? "Income" : "Expenses")
            : c.Balance == Balance.Debit ? "Assets"
            : concept is "bs.common_stock" or "bs.additional_paid_in_capital" or "bs.accumulated_deficit" or "bs.accumulated_other_comprehensive_income" or "bs.treasury_stock" ? "Equity"
            : "Liabilities";
        return root + ":" + name;
    }

    private static string GroupText()
    {
        var text = new StringBuilder("# The group: written by kessan synth-ledger\n");
        text.Append($"parent       {Parent}\n");
        foreach (var (name, ownership) in Subsidiaries)
        {
            text.Append(CultureInfo.InvariantCulture, $"subsidiary   {name}   {ownership * 100m:0.0}%\n");
        }

        foreach (var (name, ownership) in Affiliates)
        {
            text.Append(CultureInfo.InvariantCulture, $"affiliate    {name}   {ownership * 100m:0.0}%\n");
        }

        text.Append($"concept minority-interest-income    {MinorityIncome}\n");
        text.Append($"concept minority-interest-balance   {MinorityBalance}\n");
        text.Append($"concept equity-method-income        {EquityIncome}\n");
        text.Append($"concept equity-method-investment    {EquityInvestment}\n");
        text.Append($"concept retained-earnings           {Retained}\n");
        return text.ToString();
    }

    private static string MappingText(string entity, Dictionary<string, Dictionary<string, string>> accounts, ReleaseDefinition definition)
    {
        var text = new StringBuilder($"# {entity}: account  concept  [intercompany] — written by kessan synth-ledger\n");
        var own = accounts[entity];
        own.TryAdd(AccountName(Cash, definition), Cash);
        foreach (var (account, concept) in own.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(account).Append("    ").Append(concept).Append('\n');
        }

        return text.ToString();
    }
}
