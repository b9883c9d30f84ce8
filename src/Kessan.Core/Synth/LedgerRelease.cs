using Kessan.Build;
using Kessan.Consolidation;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Synth;

/// <summary>
/// The ledger path of <c>kessan build --ledger DIR</c>: reads the group file (<c>group.txt</c>), the account mappings
/// (<c>ENTITY.map</c>) and the ledgers (<c>*.journal</c>, <c>*.csv</c>) of a folder, consolidates them and puts the
/// consolidated amounts in place of the base facts of every concept the ledgers produce.
/// </summary>
public static class LedgerRelease
{
    public const string GroupFile = "group.txt";

    /// <summary>The definition and the base facts with the ledger-held ones taken from the ledgers; every problem listed.</summary>
    public static (ReleaseDefinition? Definition, FactSet Facts, List<Diagnostic> Diagnostics) Load(string definitionDir, string ledgerDir)
    {
        var (definition, facts, diagnostics) = ReleasePipeline.Load(definitionDir);
        if (definition is null || diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return (definition, facts, diagnostics);
        }

        var consolidated = Consolidate(definition, ledgerDir, diagnostics);
        if (consolidated is null)
        {
            return (definition, facts, diagnostics);
        }

        var byKey = consolidated.ToFacts(definition.Concepts).ToDictionary(f => (f.Concept, f.Period));
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

    /// <summary>Reads and consolidates the ledgers of a folder; null (with diagnostics) when anything is wrong.</summary>
    public static ConsolidatedBalances? Consolidate(ReleaseDefinition definition, string ledgerDir, List<Diagnostic> diagnostics)
    {
        var groupPath = Path.Combine(ledgerDir, GroupFile);
        if (!File.Exists(groupPath))
        {
            diagnostics.Add(Diagnostic.Error("ledger.no-group", new SourceLocation(groupPath, 0), $"The ledger folder has no {GroupFile} (the group: parent, subsidiaries, affiliates)."));
            return null;
        }

        var group = GroupStructure.Parse(File.ReadAllText(groupPath), groupPath);
        diagnostics.AddRange(group.Diagnostics);
        var mappings = new Dictionary<string, AccountMapping>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(ledgerDir, "*.map").Order(StringComparer.Ordinal))
        {
            var mapping = AccountMapping.Load(Path.GetFileNameWithoutExtension(path), path);
            diagnostics.AddRange(mapping.Diagnostics);
            if (mapping.Value is { } m)
            {
                mappings[m.Entity] = m;
            }
        }

        var inputs = Directory.EnumerateFiles(ledgerDir)
            .Where(p => p.EndsWith(".journal", StringComparison.Ordinal) || p.EndsWith(".csv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => LedgerInput.For(p))
            .ToList();
        if (inputs.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error("ledger.no-ledgers", new SourceLocation(ledgerDir, 0), "The ledger folder holds no ledgers (*.journal or *.csv)."));
        }

        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return null;
        }

        var trialBalance = TrialBalanceBuilder.Build(inputs, new TrialBalanceOptions { Calendar = definition.Calendar });
        diagnostics.AddRange(trialBalance.Diagnostics);
        if (trialBalance.Value is not { } tb || trialBalance.Diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return null;
        }

        var consolidated = Consolidator.Consolidate(tb, group.Value!, mappings, definition.Concepts);
        diagnostics.AddRange(consolidated.Diagnostics);
        return consolidated.Diagnostics.Any(d => d.Severity == Severity.Error) ? null : consolidated.Value;
    }
}
