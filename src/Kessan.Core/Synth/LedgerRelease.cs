using System.Text;
using Kessan.Build;
using Kessan.Consolidation;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Synth;

/// <summary>
/// What a group's ledgers give: the consolidated amounts and, when the folder defines the statement of cash flows,
/// one statement per period that directly follows another.
/// </summary>
public sealed record GroupAccounts(ConsolidatedBalances Balances, CashFlowDefinition? CashFlow, IReadOnlyList<CashFlowStatement> Statements)
{
    /// <summary>
    /// The consolidated amounts and the cash-flow lines as facts in base units. A cash-flow line is a fact of its
    /// concept for the statement's period, cash in positive (a line <c>-CONCEPT</c> gives the concept with its sign
    /// turned); a line that names a concept the consolidation also gives (the equity-method result, say) must agree
    /// with it, otherwise <c>cashflow.disagrees</c>.
    /// </summary>
    public Result<IReadOnlyList<Fact>> ToFacts(IReadOnlyDictionary<string, Concept> concepts)
    {
        var facts = Balances.ToFacts(concepts).ToDictionary(f => (f.Concept, f.Period));
        if (CashFlow is null)
        {
            return Result<IReadOnlyList<Fact>>.Ok([.. facts.Values]);
        }

        var diagnostics = new List<Diagnostic>();
        var fromLines = new Dictionary<(string, Period), Fact>();
        var lineNames = CashFlow.LineNames;
        foreach (var statement in Statements)
        {
            foreach (var line in lineNames)
            {
                var concept = line.TrimStart('-');
                var amount = line == CashFlow.CashEffectLine ? statement.Effect : statement.Amount(line);
                var value = line.StartsWith('-') ? -amount : amount;
                if (!concepts.TryGetValue(concept, out var c) || c.PeriodType != PeriodType.Duration)
                {
                    if (statement == Statements[0])
                    {
                        var location = CashFlow.Rules.FirstOrDefault(r => r.Line == line)?.Location;
                        diagnostics.Add(Diagnostic.Error("cashflow.unknown-concept", location, $"The cash-flow line '{concept}' is not a concept of the release model for a period of time (a duration)."));
                    }

                    continue;
                }

                var key = (concept, statement.Period.Dates);
                var fact = new Fact(concept, statement.Period.Dates, fromLines.TryGetValue(key, out var earlier) ? earlier.Value + value : value);
                fromLines[key] = fact;
            }
        }

        foreach (var (key, fact) in fromLines)
        {
            if (facts.TryGetValue(key, out var consolidated) && consolidated.Value != fact.Value)
            {
                var label = Statements.First(st => st.Period.Dates == key.Item2).Period.Label;
                diagnostics.Add(Diagnostic.Error("cashflow.disagrees", null, $"In {label} ({key.Item2}), the statement of cash flows gives {key.Item1} = {fact.Value:#,0.####} but the consolidated statement of operations gives {consolidated.Value:#,0.####}."));
            }

            facts[key] = fact;
        }

        return new Result<IReadOnlyList<Fact>>([.. facts.Values], diagnostics);
    }
}

/// <summary>
/// The ledger path of <c>kessan build --ledger DIR</c>: reads the group file (<c>group.txt</c>), the account mappings
/// (<c>ENTITY.map</c>), the optional cash-flow definition (<c>cashflow.txt</c>) and the ledgers (<c>*.journal</c>,
/// <c>*.csv</c>) of a folder, consolidates them and puts the consolidated amounts and cash-flow lines in place of the
/// base facts of every concept the ledgers produce.
/// </summary>
public static class LedgerRelease
{
    public const string GroupFile = "group.txt";

    public const string CashFlowFile = "cashflow.txt";

    /// <summary>
    /// The definition and the base facts with the ledger-held ones taken from the ledgers; every problem listed. Text
    /// files (facts, narrative, ledgers, group, mappings) are read in <paramref name="encoding"/>, UTF-8 when null.
    /// </summary>
    public static (ReleaseDefinition? Definition, FactSet Facts, IReadOnlyList<Diagnostic> Diagnostics) Load(string definitionDir, string ledgerDir, ReadProgress? progress = null, Encoding? encoding = null)
    {
        var (definition, facts, loading) = ReleasePipeline.Load(definitionDir, encoding);
        if (definition is null || loading.Any(d => d.Severity == Severity.Error))
        {
            return (definition, facts, loading);
        }

        var consolidated = Consolidate(definition, ledgerDir, progress, encoding);
        var ledgerFacts = consolidated.Value?.ToFacts(definition.Concepts);
        List<Diagnostic> diagnostics = [.. loading, .. consolidated.Diagnostics, .. ledgerFacts?.Diagnostics ?? []];
        if (ledgerFacts?.Value is not { } fromLedgers || diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return (definition, facts, diagnostics);
        }

        var byKey = fromLedgers.ToDictionary(f => (f.Concept, f.Period));
        var ledgerConcepts = byKey.Keys.Select(k => k.Concept).ToHashSet(StringComparer.Ordinal);
        var replaced = new List<Fact>();
        foreach (var fact in facts.All.Where(f => ledgerConcepts.Contains(f.Concept)))
        {
            if (byKey.TryGetValue((fact.Concept, fact.Period), out var fromLedger))
            {
                replaced.Add(fact with { Value = fromLedger.Value });
            }
            else
            {
                diagnostics.Add(Diagnostic.Error("ledger.missing-period", fact.Source, $"The ledgers hold '{fact.Concept}' but not for {fact.Period}; the release needs it."));
            }
        }

        return (definition, facts.WithAll(replaced), diagnostics);
    }

    /// <summary>
    /// Reads and consolidates the ledgers of a folder, with its statements of cash flows; no value (with diagnostics)
    /// when anything is wrong. The ledgers are read even when the group, mapping or cash-flow files have problems, so
    /// that every problem of the folder is listed at once. Every file is read in <paramref name="encoding"/>, UTF-8
    /// when null.
    /// </summary>
    public static Result<GroupAccounts> Consolidate(ReleaseDefinition definition, string ledgerDir, ReadProgress? progress = null, Encoding? encoding = null)
    {
        var diagnostics = new List<Diagnostic>();
        Result<GroupAccounts> Failed() => new(null, diagnostics);
        if (!Directory.Exists(ledgerDir))
        {
            diagnostics.Add(Diagnostic.Error("ledger.no-folder", new SourceLocation(ledgerDir, 0), "The ledger folder does not exist."));
            return Failed();
        }

        var groupPath = Path.Combine(ledgerDir, GroupFile);
        Result<GroupStructure>? group = null;
        if (File.Exists(groupPath))
        {
            var text = TextInput.ReadAllText(groupPath, groupPath, encoding);
            group = text.Value is null ? new Result<GroupStructure>(null, text.Diagnostics) : GroupStructure.Parse(text.Value, groupPath);
            diagnostics.AddRange(group.Diagnostics);
        }
        else
        {
            diagnostics.Add(Diagnostic.Error("ledger.no-group", new SourceLocation(groupPath, 0), $"The ledger folder has no {GroupFile} (the group: parent, subsidiaries, affiliates)."));
        }

        var mappings = new Dictionary<string, AccountMapping>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(ledgerDir, "*.map").Order(StringComparer.Ordinal))
        {
            var mapping = AccountMapping.Load(Path.GetFileNameWithoutExtension(path), path, encoding);
            diagnostics.AddRange(mapping.Diagnostics);
            if (mapping.Value is { } m)
            {
                mappings[m.Entity] = m;
            }
        }

        CashFlowDefinition? cashFlow = null;
        var cashFlowPath = Path.Combine(ledgerDir, CashFlowFile);
        if (File.Exists(cashFlowPath) || Directory.Exists(cashFlowPath))
        {
            var text = TextInput.ReadAllText(cashFlowPath, cashFlowPath, encoding);
            var parsed = text.Value is null ? null : CashFlowDefinition.Parse(text.Value, cashFlowPath);
            diagnostics.AddRange(parsed?.Diagnostics ?? text.Diagnostics);
            cashFlow = parsed?.Value;
        }

        var inputs = Directory.EnumerateFiles(ledgerDir)
            .Where(p => p.EndsWith(".journal", StringComparison.Ordinal) || p.EndsWith(".csv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => LedgerInput.For(p))
            .ToList();
        if (inputs.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("ledger.no-ledgers", new SourceLocation(ledgerDir, 0), "The ledger folder holds no ledgers (*.journal or *.csv)."));
            return Failed();
        }

        var trialBalance = TrialBalanceBuilder.Build(inputs, new TrialBalanceOptions { Calendar = definition.Calendar, Flows = true, Encoding = encoding }, progress);
        diagnostics.AddRange(trialBalance.Diagnostics);
        if (trialBalance.Value is not { } tb || group?.Value is not { } structure || diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return Failed();
        }

        var consolidated = Consolidator.Consolidate(tb, structure, mappings, definition.Concepts);
        diagnostics.AddRange(consolidated.Diagnostics);
        if (consolidated.Value is not { } balances || consolidated.Diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return Failed();
        }

        if (cashFlow is null)
        {
            return new(new GroupAccounts(balances, null, []), diagnostics);
        }

        var statements = CashFlowBuilder.Build(balances, cashFlow, definition.Concepts);
        diagnostics.AddRange(statements.Diagnostics);
        return statements.Value is { } built && statements.Diagnostics.Count == 0 ? new(new GroupAccounts(balances, cashFlow, built), diagnostics) : Failed();
    }
}
