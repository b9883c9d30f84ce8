using Kessan.Diagnostics;
using Kessan.Verify.Checks;
using Kessan.Verify.Findings;
using Kessan.Verify.Reading;
using Kessan.Verify.Structure;

namespace Kessan.Verify;

/// <summary>The findings for one file, and whether the file could be read at all.</summary>
public sealed record FileReport(string Path, IReadOnlyList<Diagnostic> Findings, bool Unusable)
{
    /// <summary>What was read and checked; null when the file could not be read.</summary>
    public Coverage? Coverage { get; init; }

    public int Errors => Findings.Count(f => f.Severity == Severity.Error);
}

/// <summary>
/// <c>kessan verify</c> as a pure pipeline: read → understand the tables → run every check → merge findings that
/// describe one defect. Checks are plain functions from <see cref="VerifyContext"/> to findings.
/// </summary>
public static class Verifier
{
    /// <summary>Every check, in the order their findings take precedence when two describe the same defect.</summary>
    public static readonly IReadOnlyList<Func<VerifyContext, IEnumerable<Diagnostic>>> Checks =
    [
        ReconciliationChecks.Check,
        FootingChecks.Check,
        CrossFootingChecks.Check,
        InterleavedFootingChecks.Check,
        StatementChecks.Check,
        PercentChecks.Check,
        PeriodRowChecks.Check,
        LetteredRowChecks.Check,
        RatioChecks.Check,
        TranslationChecks.Check,
        PerShareChecks.Check,
        TieOutChecks.Check,
        NarrativeChecks.Check,
    ];

    /// <param name="explain">Whether the report's coverage lists every relation checked in words (verify --explain); without, it only counts them.</param>
    public static FileReport VerifyFile(string path, System.Text.Encoding? encoding = null, bool explain = true)
    {
        var (doc, problems) = ReleaseLoader.LoadFile(path, encoding);
        if (doc is null)
        {
            return new FileReport(path, problems, true);
        }

        var report = Verify(doc, explain);
        return problems.Count == 0 ? report : report with { Findings = [.. problems, .. report.Findings] };
    }

    /// <summary>Verifies text already in memory (tests, benchmarks); the format is chosen from the path's extension.</summary>
    public static FileReport VerifyText(string path, string text) => Verify(ReleaseLoader.Parse(path, text));

    public static FileReport Verify(SourceDocument doc, bool explain = true)
    {
        var findings = new List<Diagnostic>();
        var context = Understand(doc, findings, explain);
        if (!context.Tables.Any(t => t.Rows.Any(r => !r.IsSection)))
        {
            findings.Add(new Diagnostic(FindingCodes.NoTables, Severity.Warning, new SourceLocation(doc.Path, 0),
                "Found no table with figures in this file, so nothing could be checked against anything else."));
        }

        foreach (var check in Checks)
        {
            findings.AddRange(check(context));
        }

        var coverage = CoverageOf(context);
        findings.AddRange(CoverageWarnings(doc.Path, coverage));
        var merged = Merge(findings);
        if (doc.PageStarts is not null)
        {
            merged = [.. merged.Select(f => f.Location is { } at ? f with { Location = doc.Locate(at) } : f)];
        }

        return new FileReport(doc.Path, merged, false) { Coverage = coverage };
    }

    private static Coverage CoverageOf(VerifyContext context)
    {
        var withFigures = context.Tables.Where(t => t.Rows.Any(r => !r.IsSection)).ToList();
        var withTotal = withFigures.Where(t => FootingChecks.Structure(t).Count > 0).ToList();
        return context.Tally.Freeze(context.Tables.Count, withFigures.Count, withTotal.Count, withTotal.Count(context.Tally.Footed));
    }

    /// <summary>Never a silent clean result: say when nothing was checked, and what could not be checked.</summary>
    private static IEnumerable<Diagnostic> CoverageWarnings(string path, Coverage coverage)
    {
        var at = new SourceLocation(path, 0);
        if (coverage.TablesWithFigures > 0 && coverage.Checked == 0)
        {
            yield return new Diagnostic(FindingCodes.NothingChecked, Severity.Warning, at,
                $"Read {coverage.TablesWithFigures} table{(coverage.TablesWithFigures == 1 ? "" : "s")} with figures but found no total, change, percentage or statement to check them against: a clean result here means nothing.");
        }
        else if (coverage.TablesWithFigures > 0 && coverage.Skipped > 0)
        {
            var kinds = coverage.Kinds.Where(k => k.Value.SkippedCount > 0)
                .Select(k => $"{Coverage.Name(k.Key)} {k.Value.SkippedCount} ({string.Join(", ", k.Value.Skipped.Select(s => $"{s.Key}: {s.Value}"))})");
            yield return new Diagnostic(FindingCodes.RelationsUnchecked, Severity.Warning, at,
                $"Checked {coverage.Checked} relations but could not check {coverage.Skipped}: {string.Join("; ", kinds)}.");
        }
    }

    public static VerifyContext Understand(SourceDocument doc, List<Diagnostic> findings, bool explain = true)
    {
        var texts = doc.Paragraphs.Select(p => p.Text).Concat(doc.Tables.SelectMany(t => t.Context)).ToList();
        var fiscal = FiscalConvention.FromText(texts);
        var tables = doc.Tables.Select(t => TableInference.Infer(t, fiscal, doc.Path, findings)).ToList();
        var current = tables.Select(t => t.ValueColumns.FirstOrDefault(c => c.Period is not null)?.Period)
            .OfType<string>().GroupBy(p => p).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var context = new VerifyContext(doc.Path, tables, doc.Paragraphs, fiscal, TranslationChecks.FindRate(texts), current) { Tally = new CoverageTally { Explaining = explain }, SourceTables = doc.Tables, Document = doc };
        return context with { Refined = TieOutChecks.Refinements(context) };
    }

    /// <summary>
    /// Two errors about the same row (a reconciliation that does not foot because of a sign, and the same sign
    /// against the statement) are one defect: the first, more specific, is kept. Duplicates are dropped and the
    /// rest sorted by position.
    /// </summary>
    internal static List<Diagnostic> Merge(List<Diagnostic> findings)
    {
        var seen = new HashSet<string>();
        var exact = new HashSet<(string, int, int, string)>();
        var result = new List<Diagnostic>();
        foreach (var f in findings)
        {
            if (!exact.Add((f.Code, f.Line, f.Column, f.Message)))
            {
                continue;
            }

            if (f.Severity == Severity.Error && f.Subject is { } s && !seen.Add(s))
            {
                continue;
            }

            result.Add(f);
        }

        return result.OrderBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
    }
}
