using System.Globalization;
using System.Text;
using Kessan.Consolidation;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Synth;

/// <summary>What <see cref="LedgerSynthesizer.Write"/> wrote.</summary>
public sealed record SynthLedgerSummary(long Transactions, long Postings, int Entities, IReadOnlyList<string> Files);

/// <summary>
/// Writes seeded synthetic general ledgers of the group a release definition's <c>group.txt</c> gives (a parent, its
/// subsidiaries and equity-method affiliates with their ownership, the concepts of minority interests, the equity
/// method and retained earnings) whose consolidation gives exactly the statement-of-operations, balance-sheet and
/// cash-flow facts of the release:
/// <list type="bullet">
/// <item>each subsidiary's and affiliate's net loss is a whole number of millions of yen, chosen so that the
/// minority's shares of the subsidiaries (1 − ownership, per mille) and the group's shares of the affiliates give the
/// minority-interest and equity-method facts to the thousand: Σ shareᵢ·xᵢ = total has integer solutions when the
/// greatest common divisor of the shares divides the total (for the bundled example, gcd(359, 475) = gcd(379, 267) = 1); a group
/// whose shares cannot make a total is reported, with why;</item>
/// <item>the subsidiaries' capital is chosen the same way so that the minority interest in the balance sheet comes
/// out at every balance-sheet date;</item>
/// <item>the parent sells to each subsidiary (the plan's intercompany pair, which cancels);</item>
/// <item>the parent books the rest of every line; the balance sheet at the dates the release does not show (apart
/// from cash) is chosen so that every entry balances.</item>
/// </list>
/// The quarters are the definition's: from the quarter before the earliest quarter the release shows (its opening
/// balances) to the current one, those the release does not show filled in so that every entry balances. The concepts
/// each kind of entry is booked on are the definition's <c>synth-ledger.txt</c> (<see cref="LedgerPlan"/>).
/// The amounts of every (entity, period, account) are split over many postings in whole yen by a seeded random
/// generator and written as they are drawn, so memory does not grow with the number of transactions.
/// </summary>
public static class LedgerSynthesizer
{
    private const decimal Million = 1_000_000m;

    /// <summary>The flow of foreign-exchange revaluations, and of what is left of a line that has a cash-flow line of its own.</summary>
    private const string FxFlow = "fx", OtherFlow = "other";

    /// <summary>
    /// A subsidiary or affiliate as the generator uses it: <paramref name="Share"/> is what a million yen of its net
    /// income (loss) gives in thousands of yen — the minority's share of a subsidiary (1 − ownership), the group's share
    /// of an affiliate (ownership), in per mille.
    /// </summary>
    private sealed record Member(string Name, decimal Ownership, long Share);

    /// <summary>The group read from the definition's <c>group.txt</c>, with the concepts of its roles.</summary>
    private sealed record Group(string Parent, Member[] Subsidiaries, Member[] Affiliates, string MinorityIncome, string MinorityBalance, string EquityIncome, string EquityInvestment, string Retained)
    {
        public List<string> Entities => [Parent, .. Subsidiaries.Select(s => s.Name), .. Affiliates.Select(a => a.Name)];
    }

    /// <summary>
    /// The concepts the ledgers hold: the statement-of-operations, balance-sheet and cash-flow lines given in
    /// thousands (the cash-flow lines, depreciation and amortization included, through the flows of the postings).
    /// </summary>
    public static bool IsLedgerConcept(Fact fact, Concept concept) =>
        fact.Decimals == -3
        && (concept.PeriodType == PeriodType.Instant ? fact.Concept.StartsWith("bs.", StringComparison.Ordinal) : true);

    /// <summary>The statement-of-operations and balance-sheet concepts among them: what the accounts themselves add up to.</summary>
    private static bool IsStatementConcept(Fact fact, Concept concept, LedgerPlan plan) =>
        IsLedgerConcept(fact, concept) && !IsCashFlowLine(fact.Concept, plan);

    private static bool IsCashFlowLine(string concept, LedgerPlan plan) =>
        concept.StartsWith("cf.", StringComparison.Ordinal) || concept == plan["depreciation-line"];

    /// <summary>
    /// One ledger's movement on one account in one quarter (debits positive, whole yen), with the flow its postings
    /// carry; written against the entity's cash account, or against <paramref name="CounterAccount"/> (with its flow).
    /// </summary>
    private sealed record Movement(string Entity, int Quarter, string Concept, string Account, long Amount, string Flow = "", string? CounterAccount = null, string CounterFlow = "");

    /// <summary>
    /// Reads the group from <paramref name="groupPath"/> (the definition's <c>group.txt</c>), works out every entity's
    /// movements, then writes ledgers, mappings, the group file (copied as it is) and the cash-flow definition into
    /// <paramref name="outDir"/>. No value, with the problems and nothing written, when the group file cannot be read
    /// or the group cannot give the facts exactly.
    /// </summary>
    public static Result<SynthLedgerSummary> Write(ReleaseDefinition definition, FactSet facts, string groupPath, string outDir, long transactions, int seed, Ledger.ReadProgress? progress = null)
    {
        var diagnostics = new List<Diagnostic>();
        var summary = WriteFiles(definition, facts, groupPath, outDir, transactions, seed, diagnostics, progress);
        return new Result<SynthLedgerSummary>(summary, diagnostics);
    }

    private static SynthLedgerSummary? WriteFiles(ReleaseDefinition definition, FactSet facts, string groupPath, string outDir, long transactions, int seed, List<Diagnostic> diagnostics, Ledger.ReadProgress? progress)
    {
        var planPath = Path.Combine(Path.GetDirectoryName(groupPath) ?? ".", LedgerPlan.FileName);
        if (!File.Exists(groupPath))
        {
            diagnostics.Add(Diagnostic.Error("synth.no-group", new SourceLocation(groupPath, 0), $"The release definition has no {LedgerRelease.GroupFile} (the group the ledgers are written for: parent, subsidiaries, affiliates)."));
        }

        if (!File.Exists(planPath))
        {
            diagnostics.Add(Diagnostic.Error(SynthCodes.NoPlan, new SourceLocation(planPath, 0), $"The release definition has no {LedgerPlan.FileName} (which concepts the ledgers book cash, the subsidiaries' sales, the intercompany pair and the cash-flow lines on; docs/ledger.md)."));
        }

        if (!File.Exists(groupPath) || !File.Exists(planPath))
        {
            return null;
        }

        if (LedgerPlan.Read(planPath, diagnostics) is not { } plan)
        {
            return null;
        }

        if (definition.ReportingCurrency is not { } currency)
        {
            diagnostics.Add(Diagnostic.Error(SynthCodes.BadPlan, new SourceLocation(Path.Combine(definition.Directory, DefinitionLoader.ReleaseFile), 0), "synth-ledger writes amounts in the reporting currency: release.yaml needs 'currency:'"));
            return null;
        }

        var read = TextInput.ReadAllText(groupPath);
        diagnostics.AddRange(read.Diagnostics);
        if (read.Value is not { } groupText)
        {
            return null;
        }

        var group = ReadGroup(groupText, groupPath, diagnostics);
        var quarters = Quarters(definition);
        if (group is null || Plan(definition, facts, group, plan, quarters, groupPath, diagnostics) is not var (movements, accounts, cashFlow))
        {
            return null;
        }

        var items = movements.Where(m => m.Amount != 0 && m.Concept != plan["cash"]).ToList();
        if (Allocate(items.Select(m => Math.Abs(m.Amount)).ToList(), transactions) is not { } counts)
        {
            diagnostics.Add(Diagnostic.Error("synth.transactions", new SourceLocation(groupPath, 0), transactions < items.Count
                ? $"The group's ledgers need at least {items.Count:N0} transactions (one per movement), more than the {transactions:N0} asked."
                : $"The group's {items.Count:N0} movements split into at most {items.Sum(m => Math.Abs(m.Amount)):N0} transactions of at least one yen, fewer than the {transactions:N0} asked."));
            return null;
        }

        if (progress is not null)
        {
            progress.TotalBytes = transactions;
        }

        Directory.CreateDirectory(outDir);
        var csvDir = Path.Combine(outDir, "csv");
        Directory.CreateDirectory(csvDir);
        var files = new List<string>();
        var entities = group.Entities;
        foreach (var dir in new[] { outDir, csvDir })
        {
            File.WriteAllText(Path.Combine(dir, LedgerRelease.GroupFile), groupText);
            files.Add(Path.Combine(dir, LedgerRelease.GroupFile));
            File.WriteAllText(Path.Combine(dir, LedgerRelease.CashFlowFile), cashFlow);
            files.Add(Path.Combine(dir, LedgerRelease.CashFlowFile));
            foreach (var entity in entities)
            {
                var path = Path.Combine(dir, entity + ".map");
                File.WriteAllText(path, MappingText(entity, accounts, definition, plan));
                files.Add(path);
            }
        }

        var random = new Random(seed);
        long written = 0;
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
            var cashAccount = AccountName(plan["cash"], definition, plan);
            for (var n = 0; n < items.Count; n++)
            {
                var item = items[n];
                if (item.Entity != entity)
                {
                    continue;
                }

                var count = counts[n];
                var (start, days) = (quarters[item.Quarter].Start, quarters[item.Quarter].End.DayNumber - quarters[item.Quarter].Start.DayNumber + 1);
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
                    if ((written & 1023) == 0)
                    {
                        progress?.Add(1024);
                    }

                    var date = start.AddDays(item.Quarter == 0 ? days - 1 : random.Next(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var id = "T" + written.ToString("D8", CultureInfo.InvariantCulture);
                    var amount = part.ToString(CultureInfo.InvariantCulture);
                    var negated = (-part).ToString(CultureInfo.InvariantCulture);
                    var counter = item.CounterAccount ?? cashAccount;
                    journal.Write($"{date} * ({id}) {Describe(item, group.Parent)}\n    {item.Account}  {currency.Code} {amount}{FlowTag(item.Flow)}\n    {counter}  {currency.Code} {negated}{FlowTag(item.CounterFlow)}\n\n");
                    csv.Write($"{date},{id},{entity},{item.Account},{amount},{currency.Code},{Describe(item, group.Parent)},{item.Flow}\n{date},{id},{entity},{counter},{negated},{currency.Code},{Describe(item, group.Parent)},{item.CounterFlow}\n");
                }
            }
        }

        return new SynthLedgerSummary(written, written * 2, entities.Count, files);
    }

    /// <summary>
    /// Splits <paramref name="transactions"/> among items that can take at most <paramref name="capacities"/> each (one
    /// transaction per yen), as evenly as they allow, so that the counts add up to exactly the number asked; null when
    /// the items cannot take that many.
    /// </summary>
    internal static long[]? Allocate(IReadOnlyList<long> capacities, long transactions)
    {
        var counts = new long[capacities.Count];
        if (capacities.Count == 0 || capacities.Sum() < transactions || transactions < capacities.Count)
        {
            return transactions == 0 && capacities.Count == 0 ? counts : null;
        }

        var left = transactions;
        var open = Enumerable.Range(0, capacities.Count).OrderBy(i => capacities[i]).ToList();
        for (var k = 0; k < open.Count; k++)
        {
            var i = open[k];
            var share = left / (open.Count - k);
            var extra = left % (open.Count - k) > 0 ? 1 : 0;
            counts[i] = Math.Min(capacities[i], share + extra);
            left -= counts[i];
        }

        return left == 0 ? counts : null;
    }

    private static string FlowTag(string flow) => flow.Length == 0 ? "" : "  ; flow: " + flow;

    private static string Describe(Movement m, string parent) => m.Quarter == 0 ? "Opening balance" : m.Entity == parent ? "Posting" : "Group posting";

    /// <summary>
    /// The quarters the ledgers hold: from the one before the earliest quarter the release shows (the opening balances,
    /// booked on its last day) to the current quarter, every quarter between.
    /// </summary>
    private static FiscalQuarter[] Quarters(ReleaseDefinition definition)
    {
        var shown = definition.Periods.Values.Where(p => p.Kind == PeriodKind.Quarter).Select(p => p.Quarter!.Value).Append(definition.Current).ToList();
        var quarters = new List<FiscalQuarter> { shown.Min().Previous };
        while (quarters[^1].CompareTo(definition.Current) < 0)
        {
            quarters.Add(quarters[^1].Next);
        }

        return [.. quarters];
    }

    /// <summary>
    /// Every entity's movements, the accounts of each mapping and the cash-flow definition; null (with the problems in
    /// <paramref name="diagnostics"/>) when the group cannot give the facts exactly.
    /// </summary>
    private static (List<Movement> Movements, Dictionary<string, Dictionary<string, string>> Accounts, string CashFlow)? Plan(ReleaseDefinition definition, FactSet facts, Group group, LedgerPlan plan, FiscalQuarter[] timeline, string groupPath, List<Diagnostic> diagnostics)
    {
        var quarters = timeline.Length;
        var shown = definition.Periods.Values.Where(p => p.Kind == PeriodKind.Quarter).Select(p => p.Quarter!.Value).Append(definition.Current).ToHashSet();
        var reported = Enumerable.Range(0, quarters).Where(q => shown.Contains(timeline[q])).ToArray();
        var (cash, plug, subRevenue, subCost) = (plan["cash"], plan["plug"], plan["subsidiary-revenue"], plan["subsidiary-cost"]);
        var (intercoRevenue, intercoCost, affiliateExpense) = (plan["intercompany-revenue"], plan["intercompany-cost"], plan["affiliate-expense"]);
        var (fxConcept, fxRemainder, fxLine, effectLine, issuanceLine) = (plan["fx-loss"], plan["fx-remainder"], plan["fx-line"], plan["cash-effect-line"], plan["issuance-line"]);
        DateOnly QuarterEnd(int q) => timeline[q].End;
        int? QuarterOfFact(Fact f) => Enumerable.Range(0, quarters).Cast<int?>().FirstOrDefault(q => QuarterEnd(q!.Value) == f.Period.End && (f.Period.IsInstant || f.Period.Start == timeline[q.Value].Start));
        var ledgerFacts = facts.All.Where(f => definition.Concepts.TryGetValue(f.Concept, out var c) && IsStatementConcept(f, c, plan) && QuarterOfFact(f) is not null).ToList();
        var cashFlowFacts = facts.All.Where(f => IsCashFlowLine(f.Concept, plan) && f.Decimals == -3).ToList();
        decimal Debit(Fact f) => definition.Concepts[f.Concept].Balance == Balance.Credit ? -f.Value : f.Value;

        var durations = ledgerFacts.Where(f => !f.Period.IsInstant).Select(f => f.Concept).Distinct().Order(StringComparer.Ordinal).ToList();
        var instants = ledgerFacts.Where(f => f.Period.IsInstant).Select(f => f.Concept).Distinct().Order(StringComparer.Ordinal).ToList();
        var groupFile = new SourceLocation(groupPath, 0);
        var problems = diagnostics.Count;
        foreach (var (role, concept, kind) in new[]
        {
            (GroupStructure.MinorityInterestIncome, group.MinorityIncome, durations),
            (GroupStructure.EquityMethodIncome, group.EquityIncome, durations),
            (GroupStructure.MinorityInterestBalance, group.MinorityBalance, instants),
            (GroupStructure.EquityMethodInvestment, group.EquityInvestment, instants),
            (GroupStructure.RetainedEarnings, group.Retained, instants),
        })
        {
            if (!kind.Contains(concept))
            {
                diagnostics.Add(Diagnostic.Error("synth.role-concept", groupFile, $"The {role.Replace('-', ' ')} concept '{concept}' is not a {(kind == durations ? "statement-of-operations" : "balance-sheet")} line the release gives in thousands of yen: synth-ledger writes ledgers only for lines whose facts it reproduces."));
            }
        }

        if (diagnostics.Count > problems)
        {
            return null;
        }

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

        // Whole millions of net loss per member whose shares (per mille) add up to a total in thousands of yen; a
        // total they cannot make is a problem of the group, said with why.
        long[] Shares(Member[] members, decimal thousands, string what)
        {
            var total = (long)thousands;
            if (thousands == total && Solve([.. members.Select(m => m.Share)], total) is { } solution)
            {
                return solution;
            }

            diagnostics.Add(Diagnostic.Error("synth.cannot-reproduce", groupFile, CannotReproduce(members, members == group.Subsidiaries, thousands, what)));
            return new long[members.Length];
        }

        // Net losses (debits positive) of the subsidiaries and affiliates, in millions of yen, per quarter.
        var subLoss = group.Subsidiaries.Select(_ => new long[quarters]).ToArray();
        var affLoss = group.Affiliates.Select(_ => new long[quarters]).ToArray();
        void Assign(long[][] to, int q, long[] values)
        {
            for (var j = 0; j < values.Length; j++)
            {
                to[j][q] = values[j];
            }
        }

        foreach (var q in reported)
        {
            // minority income (debits +) = -Σ minority share × loss  →  Σ share_j · loss_j = -minority income / 1,000
            Assign(subLoss, q, Shares(group.Subsidiaries, -duration[group.MinorityIncome][q] / 1000m, $"'{group.MinorityIncome}' of the quarter ending {QuarterEnd(q):yyyy-MM-dd}"));
            Assign(affLoss, q, Shares(group.Affiliates, duration[group.EquityIncome][q] / 1000m, $"'{group.EquityIncome}' of the quarter ending {QuarterEnd(q):yyyy-MM-dd}"));
        }

        // The group's net loss per quarter (debits +): every duration line, minority and equity method included.
        var net = new decimal[quarters];
        foreach (var q in reported)
        {
            net[q] = durations.Sum(c => duration[c][q]);
        }

        // Subsidiaries' capital injections (millions, credit +), so that the minority interest
        // = Σ minority share × (capital - cumulative loss) is the fact at every reported date.
        var capital = group.Subsidiaries.Select(_ => new long[quarters]).ToArray();
        var minority = new decimal[quarters]; // debits +
        void Inject(int q, int target, params int[] lossQuarters)
        {
            if (diagnostics.Count > problems)
            {
                return; // the losses are not known: what the capital would have to be says nothing
            }

            var before = q == 0 ? 0m : minority[q - 1];
            var losses = lossQuarters.Sum(l => group.Subsidiaries.Select((s, j) => (decimal)s.Share * subLoss[j][l]).Sum()) * 1000m;
            // balance[target] = before - 1000·Σ share_j · capital_j + losses
            var what = $"the minority's share of the capital paid in so that '{group.MinorityBalance}' is the fact at {QuarterEnd(target):yyyy-MM-dd}";
            Assign(capital, q, Shares(group.Subsidiaries, (before + losses - balance[group.MinorityBalance][target]!.Value) / 1000m, what));
        }

        // Each reported quarter's capital is paid in right after the reported quarter before it (at the opening for
        // the first), so that the minority interest is the fact at its end.
        var injections = new Dictionary<int, int>();
        for (var k = 0; k < reported.Length; k++)
        {
            injections[k == 0 ? 0 : reported[k - 1] == reported[k] - 1 ? reported[k] : reported[k - 1] + 1] = reported[k];
        }

        for (var q = 0; q < quarters; q++)
        {
            if (injections.TryGetValue(q, out var injected))
            {
                Inject(q, injected, injected);
            }

            minority[q] = (q == 0 ? 0m : minority[q - 1])
                + group.Subsidiaries.Select((s, j) => (1m - s.Ownership) * ((-capital[j][q] + subLoss[j][q]) * Million)).Sum();
        }

        if (diagnostics.Count > problems)
        {
            return null;
        }

        foreach (var q in reported)
        {
            if (minority[q] != balance[group.MinorityBalance][q])
            {
                throw new InvalidOperationException($"minority interest at {QuarterEnd(q)}: {minority[q]} ≠ {balance[group.MinorityBalance][q]}");
            }
        }

        // Balance sheets at the dates the release does not show: like the nearest date it shows (the earlier of two as
        // near); cash as reported, retained earnings rolled by the net loss, the rest in a plug. The net result of the
        // quarters between two the release shows is spread evenly over them (in thousands) on the affiliate-expense line.
        var retained = balance[group.Retained];
        retained[0] = retained[reported[0]] - net[reported[0]];
        for (var k = 1; k < reported.Length; k++)
        {
            var (a, b) = (reported[k - 1], reported[k]);
            if (b - a < 2)
            {
                continue;
            }

            retained[b - 1] = retained[b] - net[b];
            var between = retained[b - 1]!.Value - retained[a]!.Value;
            var left = between;
            for (var q = a + 1; q < b; q++)
            {
                net[q] = q == b - 1 ? left : Math.Round(between / (b - 1 - a) / 1000m) * 1000m;
                left -= net[q];
                retained[q] ??= retained[q - 1] + net[q];
                duration[affiliateExpense][q] = net[q];
            }
        }

        var fills = Enumerable.Range(0, quarters).Where(q => !reported.Contains(q))
            .Select(q => (From: reported.OrderBy(r => Math.Abs(r - q)).ThenBy(r => r).First(), To: q));
        foreach (var (from, to) in fills)
        {
            foreach (var c in instants.Where(c => c != group.Retained && c != plug))
            {
                balance[c][to] ??= c == group.MinorityBalance ? minority[to] : balance[c][from];
            }

            balance[plug][to] = -instants.Where(c => c != plug).Sum(c => balance[c][to]!.Value);
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
        var accounts = group.Entities.ToDictionary(e => e, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        void Book(string entity, int q, string concept, decimal amount, string? account = null, string? marker = null, string flow = "")
        {
            account ??= AccountName(concept, definition, plan);
            accounts[entity][account] = marker is null ? concept : concept + "  " + marker;
            if (amount != 0m)
            {
                movements.Add(new Movement(entity, q, concept, account, checked((long)amount), flow));
            }
        }

        var untaggedLines = UntaggedLines(instants, group, plan);
        var cashAccount = AccountName(cash, definition, plan);

        // Each subsidiary books a fifth of the systems-integration revenue (less with more than two of them).
        var revenueShare = Math.Max(5m, group.Subsidiaries.Length + 3m);
        var parentTitle = Title(group.Parent, definition.Acronyms);
        for (var q = 0; q < quarters; q++)
        {
            target[group.MinorityIncome][q] = 0m;
            target[group.MinorityBalance][q] = 0m;
            target[group.EquityIncome][q] = 0m;
            target[group.Retained][q] -= durations.Sum(c => duration[c][q]);
            for (var j = 0; j < group.Subsidiaries.Length; j++)
            {
                var (name, ownership, _) = group.Subsidiaries[j];
                var title = Title(name, definition.Acronyms);
                var loss = subLoss[j][q] * Million;
                var interco = reported.Contains(q) ? Math.Round(duration[intercoRevenue][q] / -50m / 1000m) * 1000m : 0m;
                var revenue = reported.Contains(q) ? Math.Round(duration[subRevenue][q] / revenueShare) - Math.Abs(loss) - interco : 0m;
                var cost = -revenue + loss - interco;
                var equity = -capital[j][q] * Million;
                var investment = ownership * capital[j][q] * Million;
                Book(name, q, intercoCost, interco, plan["intercompany-cost-account"] + ":" + parentTitle, group.Parent);
                Book(name, q, subRevenue, revenue);
                Book(name, q, subCost, cost);
                Book(name, q, plan["subsidiary-capital"], equity, plan["subsidiary-capital-account"], "owned-by " + group.Parent);
                Book(name, q, cash, -(interco + revenue + cost + equity));
                Book(group.Parent, q, intercoRevenue, -interco, "Income:Group:" + title, name);
                Book(group.Parent, q, plan["parent-investment"], investment, "Investments:" + title, "investment-in " + name);
                target[subRevenue][q] -= revenue;
                target[subCost][q] -= cost;
                target[cash][q] -= -(interco + revenue + cost + equity);
            }

            for (var j = 0; j < group.Affiliates.Length; j++)
            {
                var (name, ownership, _) = group.Affiliates[j];
                var loss = affLoss[j][q] * Million;
                Book(name, q, affiliateExpense, loss);
                Book(name, q, cash, -loss);
                target[group.EquityInvestment][q] += ownership * loss;
            }

            if (reported.Contains(q))
            {
                // The statement of cash flows: the parent books each line on the concept and flow that carry it —
                // against cash, or for a non-cash item against the statement-of-operations line it adds back.
                decimal Line(string line) => cashFlowFacts.Single(f => f.Concept == line && QuarterOfFact(f) == q).Value;
                void Piece(string concept, decimal movement, string flow, string? counter, string counterFlow = "")
                {
                    target[concept][q] -= movement;
                    if (counter is not null && counter != cash)
                    {
                        target[counter][q] += movement; // the other side; cash keeps its total, checked below
                    }

                    if (movement != 0m)
                    {
                        movements.Add(new Movement(group.Parent, q, concept, AccountName(concept, definition, plan), checked((long)movement), flow, counter is null ? null : AccountName(counter, definition, plan), counterFlow));
                    }
                }

                // The minority's capital paid into the subsidiaries is cash from outside the group, on the issuance line.
                var minorityCapital = group.Subsidiaries.Select((sub, j) => (1m - sub.Ownership) * capital[j][q] * Million).Sum();
                foreach (var line in plan.CashLines)
                {
                    Piece(line.Concept, -(Line(line.Line) - (line.Line == issuanceLine ? minorityCapital : 0m)), line.Flow, line.Counter);
                }

                // Foreign-currency cash revalued (the effect of exchange rates on cash, a loss added back in operating
                // activities); the rest of the foreign-exchange loss on other investments.
                var effect = Line(effectLine);
                Piece(fxConcept, -effect, "", cash, FxFlow);
                Piece(fxRemainder, -(Line(fxLine) + effect), FxFlow, fxConcept);
            }

            foreach (var c in target.Keys.Order(StringComparer.Ordinal).Where(c => c != cash))
            {
                // What is left of a line that has a cash-flow line of its own is "other" (other operating activities).
                var flow = reported.Contains(q) && untaggedLines.TryGetValue(c, out var line) && line != plan["other-operating-line"] ? OtherFlow : "";
                Book(group.Parent, q, c, target[c][q], flow: flow);
            }

            Book(group.Parent, q, cash, target[cash][q]);
            var viaCash = movements.Where(m => m.Entity == group.Parent && m.Quarter == q && m.Concept != cash && (m.CounterAccount is null || m.CounterAccount == cashAccount)).Sum(m => (decimal)m.Amount);
            if (viaCash + target[cash][q] != 0m)
            {
                throw new InvalidOperationException($"the parent's ledger does not balance in quarter {q}: {viaCash + target[cash][q]}");
            }
        }

        return (movements, accounts, CashFlowText(instants, group, plan));
    }

    /// <summary>The cash-flow line of each balance-sheet concept's movements that carry no flow.</summary>
    private static Dictionary<string, string> UntaggedLines(IEnumerable<string> instants, Group group, LedgerPlan plan)
    {
        var lines = plan.CashLines.Where(l => l.Flow.Length == 0).ToDictionary(l => l.Concept, l => l.Line, StringComparer.Ordinal);
        lines[plan["subsidiary-capital"]] = plan["issuance-line"];
        lines[group.MinorityBalance] = plan["issuance-line"];
        foreach (var c in instants.Where(c => c != plan["cash"]))
        {
            lines.TryAdd(c, plan["other-operating-line"]);
        }

        return lines;
    }

    /// <summary>The cash-flow definition (<c>cashflow.txt</c>) that reads the synthetic ledgers' flows as the release's statement.</summary>
    private static string CashFlowText(IEnumerable<string> instants, Group group, LedgerPlan plan)
    {
        var text = new StringBuilder("# The statement of cash flows: written by kessan synth-ledger\n");
        text.Append($"cash          {plan["cash"]}\ncash-effect   {plan["cash-effect-line"]}\n\n# balance-sheet concept                  flow               section      line\n");
        void Row(string concept, string flow, string section, string line) =>
            text.Append(CultureInfo.InvariantCulture, $"{concept,-40} {flow,-18} {section,-12} {line}\n");
        var untagged = UntaggedLines(instants, group, plan);
        foreach (var (concept, line) in untagged.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var section = plan.CashLines.FirstOrDefault(l => l.Line == line)?.Section ?? (line == plan["issuance-line"] ? "financing" : "operating");
            Row(concept, "", section, line);
        }

        foreach (var line in plan.CashLines.Where(l => l.Flow.Length > 0))
        {
            Row(line.Concept, line.Flow, line.Section, line.Line);
        }

        Row(group.EquityInvestment, Consolidator.EquityMethodFlow, "operating", "-" + group.EquityIncome);
        Row(group.MinorityBalance, Consolidator.MinorityInterestFlow, "operating", "-" + group.MinorityIncome);
        Row("*", FxFlow, "operating", plan["fx-line"]);
        Row("*", OtherFlow, "operating", plan["other-operating-line"]);
        return text.ToString();
    }

    /// <summary>
    /// Integers x with Σ coefficients[i]·x[i] = total, or null when there are none (the coefficients' greatest common
    /// divisor does not divide the total). Each x[i] but the last is the smallest non-negative one that leaves a total
    /// the coefficients after it can still make; the last takes the rest. A coefficient of 0 gets 0.
    /// </summary>
    internal static long[]? Solve(IReadOnlyList<long> coefficients, long total)
    {
        var x = new long[coefficients.Count];
        var last = -1;
        for (var i = coefficients.Count - 1; i >= 0 && last < 0; i--)
        {
            last = coefficients[i] != 0 ? i : -1;
        }

        if (last < 0)
        {
            return total == 0 ? x : null;
        }

        var rest = total;
        for (var i = 0; i < last; i++)
        {
            var after = Gcd(coefficients.Skip(i + 1));
            var steps = coefficients[i] == 0 ? 1 : after / Gcd([coefficients[i], after]);
            long k = 0;
            while (k < steps && (rest - (k * coefficients[i])) % after != 0)
            {
                k++;
            }

            if (k == steps)
            {
                return null;
            }

            x[i] = k;
            rest -= k * coefficients[i];
        }

        if (rest % coefficients[last] != 0)
        {
            return null;
        }

        x[last] = rest / coefficients[last];
        return x;
    }

    /// <summary>The greatest common divisor of the numbers (0 for none, or all 0).</summary>
    internal static long Gcd(IEnumerable<long> numbers)
    {
        long g = 0;
        foreach (var n in numbers)
        {
            var (a, b) = (Math.Abs(g), Math.Abs(n));
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            g = a;
        }

        return g;
    }

    /// <summary>Why the members' shares cannot make a total, and what group would.</summary>
    private static string CannotReproduce(Member[] members, bool subsidiaries, decimal thousands, string what)
    {
        var share = subsidiaries ? "minority share" : "share";
        var shares = string.Join(", ", members.Select(m => $"{m.Name} {m.Share / 10m:0.0}%"));
        var g = Gcd(members.Select(m => m.Share));
        var reason = members.All(m => m.Share == 0)
            ? subsidiaries ? "the group has no subsidiary with a minority, so the minority's share is always 0" : "the group has no equity-method affiliate, so the equity-method result is always 0"
            : thousands != decimal.Truncate(thousands) ? "it is not a whole number of thousands of yen"
            : members.Length == 1 ? $"the only {(subsidiaries ? "subsidiary" : "affiliate")}'s {share} ({shares}) makes only multiples of {g:N0} thousand yen per million of its net income (loss)"
            : $"the {share}s ({shares}) have the common factor {g / 10m:0.0}%, so they make only multiples of {g:N0} thousand yen";
        var need = subsidiaries
            ? "at least two subsidiaries whose minority shares (100% less the ownership, in tenths of a percent) have no common factor, as 35.9% and 47.5% (ownership 64.1% and 52.5%)"
            : "at least two equity-method affiliates whose ownerships (in tenths of a percent) have no common factor, as 37.9% and 26.7%";
        return $"The group cannot give {what} ({thousands:#,0.###} thousand yen) exactly: the {(subsidiaries ? "subsidiaries'" : "affiliates'")} net income (loss) is booked in whole millions of yen, and {reason}. Give the group {need}.";
    }

    /// <summary>
    /// The group of a <c>group.txt</c> as the generator needs it: parsed as consolidation parses it, with a
    /// <c>retained-earnings</c> concept, distinct entity names, and every ownership in whole tenths of a percent (so
    /// that a share of whole millions is whole thousands of yen). Null, with the problems, otherwise.
    /// </summary>
    private static Group? ReadGroup(string text, string path, List<Diagnostic> diagnostics)
    {
        var parsed = GroupStructure.Parse(text, path);
        diagnostics.AddRange(parsed.Diagnostics);
        if (parsed.Value is not { } structure)
        {
            return null;
        }

        var file = new SourceLocation(path, 0);
        var problems = diagnostics.Count;
        if (!structure.Concepts.ContainsKey(GroupStructure.RetainedEarnings))
        {
            diagnostics.Add(Diagnostic.Error("synth.no-retained-earnings", file, $"synth-ledger closes each quarter's net income (loss) into retained earnings: the group file must name the concept ('concept {GroupStructure.RetainedEarnings} CONCEPT')."));
        }

        Member[] Members(ConsolidationMethod method) =>
            [.. structure.Entities.Where(e => e.Method == method).Select(e =>
            {
                var share = (method == ConsolidationMethod.Subsidiary ? 1m - e.Ownership : e.Ownership) * 1000m;
                if (share != decimal.Truncate(share))
                {
                    diagnostics.Add(Diagnostic.Error("synth.ownership", file, $"The ownership {e.Ownership * 100m:0.###}% of '{e.Name}' is not a whole tenth of a percent: synth-ledger books net income (loss) in whole millions of yen, whose share must be whole thousands."));
                }

                return new Member(e.Name, e.Ownership, (long)share);
            })];
        var subsidiaries = Members(ConsolidationMethod.Subsidiary);
        var affiliates = Members(ConsolidationMethod.Affiliate);
        if (diagnostics.Count > problems)
        {
            return null;
        }

        string Role(string role) => structure.Concept(role);
        return new Group(
            structure.Entities.Single(e => e.Method == ConsolidationMethod.Parent).Name,
            subsidiaries,
            affiliates,
            Role(GroupStructure.MinorityInterestIncome),
            Role(GroupStructure.MinorityInterestBalance),
            Role(GroupStructure.EquityMethodIncome),
            Role(GroupStructure.EquityMethodInvestment),
            Role(GroupStructure.RetainedEarnings));
    }

    /// <summary>
    /// The name of an entity in account names: each word of it capitalised, the definition's acronyms (release.yaml
    /// <c>acronyms:</c>) in capitals (abc-technology → ABC Technology with <c>acronyms: [ABC]</c>, north-care → North Care).
    /// </summary>
    private static string Title(string entity, IReadOnlyCollection<string> acronyms) =>
        string.Join(' ', entity.Split('-', '_').Where(w => w.Length > 0).Select(w => acronyms.Contains(w, StringComparer.OrdinalIgnoreCase) ? w.ToUpperInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>An account name for a concept: bs.accounts_receivable → Assets:Accounts Receivable.</summary>
    public static string AccountName(string concept, ReleaseDefinition definition, LedgerPlan plan)
    {
        var c = definition.Concepts[concept];
        var words = concept.Contains('.', StringComparison.Ordinal) && !concept.StartsWith("revenue.", StringComparison.Ordinal) && !concept.StartsWith("cost.", StringComparison.Ordinal) && !concept.StartsWith("expense.", StringComparison.Ordinal)
            ? concept[(concept.IndexOf('.', StringComparison.Ordinal) + 1)..]
            : concept;
        var name = string.Join(' ', words.Split('_', '.').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var root = c.PeriodType == PeriodType.Duration ? (c.Balance == Balance.Credit ? "Income" : "Expenses")
            : c.Balance == Balance.Debit ? "Assets"
            : plan.Equity.Contains(concept) ? "Equity"
            : "Liabilities";
        return root + ":" + name;
    }

    private static string MappingText(string entity, Dictionary<string, Dictionary<string, string>> accounts, ReleaseDefinition definition, LedgerPlan plan)
    {
        var text = new StringBuilder($"# {entity}: account  concept  [intercompany] — written by kessan synth-ledger\n");
        var own = accounts[entity];
        own.TryAdd(AccountName(plan["cash"], definition, plan), plan["cash"]);
        foreach (var (account, concept) in own.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(account).Append("    ").Append(concept).Append('\n');
        }

        return text.ToString();
    }
}
