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

    /// <summary>The concepts the ledgers hold: statement-of-operations and balance-sheet lines given in thousands.</summary>
    public static bool IsLedgerConcept(Fact fact, Concept concept) =>
        fact.Decimals == -3
        && (concept.PeriodType == PeriodType.Instant ? fact.Concept.StartsWith("bs.", StringComparison.Ordinal)
            : !fact.Concept.StartsWith("cf.", StringComparison.Ordinal) && fact.Concept != "depreciation_and_amortization");

    /// <summary>One ledger's movement on one account in one quarter (debits positive, whole yen).</summary>
    private sealed record Movement(string Entity, int Quarter, string Concept, string Account, long Amount);

    /// <summary>Works out every entity's movements, then writes ledgers, mappings and the group file into <paramref name="outDir"/>.</summary>
    public static SynthLedgerSummary Write(ReleaseDefinition definition, FactSet facts, string outDir, long transactions, int seed)
    {
        var (movements, accounts) = Plan(definition, facts);
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
            csv.Write("date,transaction id,entity,account,amount,currency,memo\n");
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
                    journal.Write($"{date} * ({id}) {Describe(item)}\n    {item.Account}  JPY {amount}\n    {cashAccount}  JPY {negated}\n\n");
                    csv.Write($"{date},{id},{entity},{item.Account},{amount},JPY,{Describe(item)}\n{date},{id},{entity},{cashAccount},{negated},JPY,{Describe(item)}\n");
                }
            }
        }

        return new SynthLedgerSummary(written, written * 2, files);
    }

    private static string Describe(Movement m) => m.Quarter == 0 ? "Opening balance" : m.Entity == Parent ? "Posting" : "Group posting";

    /// <summary>Quarters 0..5: 4Q01 (the opening balances, on 2002-03-31), 1Q02, 2Q02, 3Q02, 4Q02, 1Q03.</summary>
    private static (DateOnly Start, int Days) QuarterDates(int quarter)
    {
        var start = new DateOnly(2002, 1, 1).AddMonths(3 * quarter);
        return (start, start.AddMonths(3).DayNumber - start.DayNumber);
    }

    private static DateOnly QuarterEnd(int quarter) => QuarterDates(quarter).Start.AddMonths(3).AddDays(-1);

    private static (List<Movement> Movements, Dictionary<string, Dictionary<string, string>> Accounts) Plan(ReleaseDefinition definition, FactSet facts)
    {
        const int quarters = 6;
        int[] reported = [1, 4, 5];
        var ledgerFacts = facts.All.Where(f => definition.Concepts.TryGetValue(f.Concept, out var c) && IsLedgerConcept(f, c)).ToList();
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
        void Book(string entity, int q, string concept, decimal amount, string? account = null, string? marker = null)
        {
            account ??= AccountName(concept, definition);
            accounts[entity][account] = marker is null ? concept : concept + "  " + marker;
            if (amount != 0m)
            {
                movements.Add(new Movement(entity, q, concept, account, checked((long)amount)));
            }
        }

        for (var q = 0; q < quarters; q++)
        {
            target[MinorityIncome][q] = 0m;
            target[MinorityBalance][q] = 0m;
            target[EquityIncome][q] = 0m;
            target[Retained][q] -= durations.Sum(c => duration[c][q]);
            var parentCash = 0m;
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
                parentCash -= -interco + investment;
            }

            for (var j = 0; j < Affiliates.Length; j++)
            {
                var (name, ownership) = Affiliates[j];
                var loss = affLoss[j][q] * Million;
                Book(name, q, AffiliateExpense, loss);
                Book(name, q, Cash, -loss);
                target[EquityInvestment][q] += ownership * loss;
            }

            var parentTotal = 0m;
            foreach (var c in target.Keys.Order(StringComparer.Ordinal).Where(c => c != Cash))
            {
                Book(Parent, q, c, target[c][q]);
                parentTotal += target[c][q];
            }

            Book(Parent, q, Cash, target[Cash][q]);
            if (parentTotal + target[Cash][q] - parentCash != 0m)
            {
                throw new InvalidOperationException($"the parent's ledger does not balance in quarter {q}: {parentTotal + target[Cash][q] - parentCash}");
            }
        }

        return (movements, accounts);
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
