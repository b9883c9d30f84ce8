using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify.Mutation;

/// <summary>The outcome of planting every mutant of one document.</summary>
public sealed record MutationReport(
    string Document,
    IReadOnlyList<Diagnostic> CleanErrors,
    IReadOnlyList<(Mutant Mutant, bool Found)> Results)
{
    public IEnumerable<Mutant> Missed => Results.Where(r => r.Mutant.MustBeFound && !r.Found).Select(r => r.Mutant);

    public string Summary()
    {
        var lines = new List<string> { $"Mutation testing of {Document}: {Results.Count} mutants" };
        foreach (var group in Results.GroupBy(r => r.Mutant.Kind))
        {
            var must = group.Where(r => r.Mutant.MustBeFound).ToList();
            var may = group.Where(r => !r.Mutant.MustBeFound).ToList();
            lines.Add($"  {group.Key,-17} must be found: {must.Count(r => r.Found)}/{must.Count} ({Rate(must)}); within rounding: {may.Count(r => r.Found)}/{may.Count} found");
        }

        var all = Results.Where(r => r.Mutant.MustBeFound).ToList();
        lines.Add($"  Detection rate (errors rounding cannot explain): {all.Count(r => r.Found)}/{all.Count} = {Rate(all)}");
        lines.AddRange(Missed.Select(m => "  MISSED " + m));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Rate<T>(IReadOnlyCollection<(Mutant, T)> r) where T : IEquatable<bool> =>
        r.Count == 0 ? "n/a" : $"{100.0 * r.Count(x => x.Item2.Equals(true)) / r.Count:0.0}%";
}

/// <summary>Runs verify on a clean document and on every mutant of it.</summary>
public static class MutationRunner
{
    /// <param name="unverifiable">Names the statements no table states (and why); their mutants are reported but not required.</param>
    public static MutationReport Run(string name, string path, string text, Func<Mutant, string?>? unverifiable = null)
    {
        var clean = Verifier.VerifyText(path, text).Findings.Where(f => f.Severity == Severity.Error).ToList();
        var mutants = MutantGenerator.Generate(path, text)
            .Select(m => unverifiable?.Invoke(m) is { } why ? m with { MustBeFound = false, Where = m.Where + " — unverifiable: " + why } : m)
            .ToList();
        var results = new (Mutant, bool)[mutants.Count];
        Parallel.For(0, mutants.Count, i =>
        {
            var report = Verifier.VerifyText(path, mutants[i].Apply(text));
            results[i] = (mutants[i], report.Findings.Any(f => f.Severity == Severity.Error));
        });
        return new MutationReport(name, clean, results);
    }
}
