using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Facts;
using Kessan.Model;

namespace Kessan.Build;

/// <summary>The whole build from a release folder: read definitions and facts (the only I/O), derive, compute, round.</summary>
public static class ReleasePipeline
{
    public sealed record Output(ReleaseDefinition? Definition, FactSet Facts, ReleaseDocument? Document, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
    }

    /// <summary>
    /// Reads the definition and the base facts of a release folder, collecting every problem. The facts files and the
    /// narrative texts are read in <paramref name="encoding"/> (UTF-8 when null); YAML files are UTF-8, as YAML is.
    /// </summary>
    public static (ReleaseDefinition? Definition, FactSet Facts, IReadOnlyList<Diagnostic> Diagnostics) Load(string directory, System.Text.Encoding? encoding = null)
    {
        var diagnostics = new List<Diagnostic>();
        var loaded = DefinitionLoader.Load(directory, encoding);
        diagnostics.AddRange(loaded.Diagnostics);
        if (loaded.Value is not { } definition)
        {
            return (null, FactSet.Empty, diagnostics);
        }

        var facts = FactSet.Empty;
        if (definition.FactFiles.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingKey, new SourceLocation(Path.Combine(directory, DefinitionLoader.ReleaseFile), 0), "release.yaml names no facts file ('facts: [facts.csv]')"));
        }

        foreach (var file in definition.FactFiles)
        {
            var read = FactsReader.Read(Path.Combine(directory, file), definition.Concepts, definition.Calendar, encoding);
            diagnostics.AddRange(read.Diagnostics);
            foreach (var fact in read.Value!.All)
            {
                if (facts.Find(fact.Concept, fact.Period) is { } first)
                {
                    diagnostics.Add(Diagnostic.Error(FactCodes.Duplicate, fact.Source, $"'{fact.Concept}' for {Calculator.Describe(fact.Period, definition)} is given twice (first at {first.Source})"));
                    continue;
                }

                facts = facts.With(fact);
            }
        }

        if (definition.Register is { } register)
        {
            // Operating KPIs counted from the contract register at the end of every quarter the release shows.
            var counted = Kpi.RegisterKpis.FromFiles(
                Path.Combine(directory, register.Contracts),
                Path.Combine(directory, register.Kpis),
                definition.Periods.Values.Select(p => p.End).Distinct());
            diagnostics.AddRange(counted.Diagnostics);
            foreach (var fact in counted.Value?.All ?? [])
            {
                if (facts.Find(fact.Concept, fact.Period) is { } given)
                {
                    diagnostics.Add(Diagnostic.Error(FactCodes.Duplicate, given.Source, $"'{fact.Concept}' for {Calculator.Describe(fact.Period, definition)} is counted from the contract register, so it must not also be given as a fact"));
                    continue;
                }

                facts = facts.With(fact);
            }
        }

        return (definition, facts, diagnostics);
    }

    /// <summary>Derives and builds from already loaded base facts (the ledger path supplies its own).</summary>
    public static Output Build(ReleaseDefinition definition, FactSet baseFacts, IEnumerable<Diagnostic>? earlier = null)
    {
        var diagnostics = new List<Diagnostic>(earlier ?? []);
        var derived = Calculator.Derive(definition, baseFacts);
        diagnostics.AddRange(derived.Diagnostics);
        var built = ReleaseBuilder.Build(definition, derived.Value!);
        diagnostics.AddRange(built.Diagnostics);
        return new Output(definition, derived.Value!, built.Value, diagnostics);
    }

    public static Output Run(string directory, System.Text.Encoding? encoding = null)
    {
        var (definition, facts, diagnostics) = Load(directory, encoding);
        return BuildIfClean(definition, facts, diagnostics);
    }

    /// <summary>Builds from loaded facts unless loading them went wrong, in which case the problems are the output.</summary>
    public static Output BuildIfClean(ReleaseDefinition? definition, FactSet facts, IReadOnlyList<Diagnostic> diagnostics) =>
        definition is null || diagnostics.Any(d => d.Severity == Severity.Error)
            ? new Output(definition, facts, null, diagnostics)
            : Build(definition, facts, diagnostics);
}
