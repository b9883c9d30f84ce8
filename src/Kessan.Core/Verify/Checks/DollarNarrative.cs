using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Sentences of a release that reports in dollars: "Revenue was $4.52 billion, up 3% from the previous quarter and
/// up 41% from a year ago", "net loss per diluted share of $0.08". A $ amount is the reporting currency here, not a
/// translation. A sentence is checked against its subject's row; an error is asserted only when that row is the only
/// one (or its twins agree) and the period is named (the span, "quarter" or "six months", picks one column); a figure
/// that agrees with exactly one figure of the row counts as checked; anything else is counted as not checked.
/// </summary>
public static partial class NarrativeChecks
{
    [GeneratedRegex(@"\b(compared|from|versus|vs|increase[sd]?|decrease[sd]?|up|down|by|grew|rose|fell|declin\w*|higher|lower|change[sd]?|prior|previous|ago|expect\w*|guidance|outlook|forecast|target|approximately|between|respectively|range)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotTheStatedAmount();

    [GeneratedRegex(@"\b(?:(?<up>up|increase[sd]?|grew|rose|higher)|(?<down>down|decrease[sd]?|declined?|fell|lower))\b(?:\s+(?:of|by))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DirectionJustBefore();

    [GeneratedRegex(@"\b(a year ago|year[- ]over[- ]year|prior[- ]year|previous year|last year|same (?:quarter|period) (?:of |in )?(?:the )?(?:prior|previous|last) year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearAgo();

    [GeneratedRegex(@"\b(sequential(?:ly)?|previous quarter|prior quarter|preceding quarter|last quarter|quarter[- ]over[- ]quarter)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterAgo();

    [GeneratedRegex(@"\b(?:quarter|months|period|half)\b[^.;%$]{0,30}?\b(?:of |in )?(?:fiscal )?(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamedYear();

    [GeneratedRegex(@"\b(expect\w*|guidance|outlook|forecast\w*|midpoint|target\w*|anticipat\w*|project(?:s|ed|ing|ion)|will|plan\w*|respectively)\b|\$\s?[\d.,]+\s*(?:million|billion)?\s*(?:to|-|–|—)\s*\$", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardOrRange();

    private static readonly HashSet<string> Qualifiers = ["adjusted", "non-gaap", "core", "organic", "underlying", "pro", "normalized", "comparable", "constant", "excluding"];

    /// <summary>"Adjusted net income" is not "Net income": a qualifier of the subject must be in the row's label too.</summary>
    private static List<Claim> SameMeasure(List<Claim> matches, HashSet<string> subject) =>
        matches.Where(c => subject.Where(Qualifiers.Contains).All(c.Row.Tokens.Contains)).ToList();

    /// <summary>A release with no yen anywhere: its $ amounts are its own currency, not translations.</summary>
    internal static bool ReportsInDollars(VerifyContext ctx) =>
        ctx.JpyPerUsd is null && !ctx.Tables.Any(t => t.Currency == "JPY" || t.ValueColumns.Any(c => c.Currency == "JPY"));

    /// <summary>
    /// The one value column of a row for a period whose heading states the span the sentence names ("second quarter"
    /// and "Three Months Ended"); null when the sentence or the heading does not say, or several columns qualify.
    /// </summary>
    private static ColumnInfo? ColumnFor(Claim c, string? period, int? months) =>
        months is null ? null
        : c.Table.ValueColumns.Where(k => k.Period == period && k.Months == months && c.Row[k.Index] is { IsDash: false }).ToList() is [var only] ? only : null;

    /// <summary>Every figure the rows state, in any value column, in currency units.</summary>
    private static IEnumerable<Interval> AllFigures(IEnumerable<Claim> rows) =>
        rows.SelectMany(c => c.Table.ValueColumns.Select(k => c.Row[k.Index]).OfType<Figure>().Where(x => !x.IsDash).Select(x => VerifyContext.Real(c.Table, c.Row, x)));

    /// <summary>The row's label says exactly what the sentence's subject says (no word more or less).</summary>
    private static bool SameLabel(Claim c, HashSet<string> subject) => c.Row.Tokens.ToHashSet().SetEquals(subject);

    private static IEnumerable<Diagnostic> DollarAmount(VerifyContext ctx, List<Claim> matches, HashSet<string> words, string sentence, TextFigure f, bool perShare, SourceLocation at, string subject, Setting setting)
    {
        if (NotTheStatedAmount().IsMatch(sentence[..f.Index]) || ForwardOrRange().IsMatch(sentence))
        {
            ctx.Tally.Skipped(RelationKind.Sentence, "amount of a change, an earlier period or a list");
            yield break;
        }

        var rows = matches.Where(c => (c.Row.Unit == RowUnit.PerShare) == perShare).ToList();
        var agreeing = AllFigures(rows).Where(v => Compare(f, v).Ok).Select(v => Math.Round(v.Mid, 2)).Distinct().Count();
        if (agreeing == 1)
        {
            ctx.Tally.Checked(RelationKind.Sentence, true, $"{ctx.LineName(at.Line)}: {f.Text} against \"{rows[0].Row.Label}\"");
            yield break;
        }

        // No figure of the row agrees: an error only when the row and the period's column are the only ones.
        var months = FiscalConvention.MonthsOf(sentence);
        var stated = rows.Select(c => (Claim: c, Col: ColumnFor(c, ctx.CurrentPeriod, months))).Where(x => x.Col is not null)
            .Select(x => (x.Claim, Value: VerifyContext.Real(x.Claim.Table, x.Claim.Row, x.Claim.Row[x.Col!.Index]!))).ToList();
        if (agreeing > 1 || stated.Count == 0 || stated.Select(s => s.Value).Distinct().Count() > 1 || rows.Count != stated.Count || !rows.All(c => SameLabel(c, words)))
        {
            if (agreeing == 0 && (StatedFor(ctx, rows, words, sentence, f, setting, at, subject) ?? StatedForUnit(ctx, words, sentence, f, setting, at, subject)) is { } found)
            {
                yield return found;
                yield break;
            }

            ctx.Tally.Skipped(RelationKind.Sentence, "subject or period not confirmed");
            yield break;
        }

        var source = stated.OrderBy(s => s.Claim.Table.ScaleOf(s.Claim.Row)).First();
        if (source.Value.Mid == 0 || TenTimesApart(f, source.Value))
        {
            // Ten times or more apart: a scale the table does not state ("in thousands" left out), not a wrong figure.
            ctx.Tally.Skipped(RelationKind.Sentence, "scale not confirmed");
            yield break;
        }

        var (_, near, expected, claimed) = Compare(f, source.Value);
        ctx.Tally.Checked(RelationKind.Sentence, near, $"{ctx.LineName(at.Line)}: {f.Text} against \"{source.Claim.Row.Label}\" in {VerifyContext.Short(source.Claim.Table)} ({expected})");
        var text = $"The text says {f.Text} for \"{source.Claim.Row.Label}\", but {VerifyContext.Short(source.Claim.Table)} gives {expected}.";
        yield return near
            ? new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, at, text + " One unit off: a rounding difference.") { Expected = expected, Actual = claimed }
            : new Diagnostic(FindingCodes.NarrativeAmount, Severity.Error, at, text) { Expected = expected, Actual = claimed, Subject = subject };
    }

    private static IEnumerable<Diagnostic> DollarChange(VerifyContext ctx, List<Claim> matches, HashSet<string> words, string sentence, TextFigure f, SourceLocation at, string subject)
    {
        if (DirectionJustBefore().Match(sentence[..f.Index]) is not { Success: true } direction)
        {
            yield break;
        }

        var next = FiguresIn(sentence).FirstOrDefault(g => g.Index > f.Index)?.Index ?? sentence.Length;
        var after = sentence[(f.Index + f.Length)..next];
        var currentYear = ctx.CurrentPeriod is { Length: 7 } p && int.TryParse(p[..4], System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : 0;
        int? back = YearAgo().IsMatch(after) ? 12 : QuarterAgo().IsMatch(after) ? 3
            : NamedYear().Match(after) is { Success: true } named && int.Parse(named.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) == currentYear - 1 ? 12 : null;
        if (back is null || ctx.CurrentPeriod is null || ForwardOrRange().IsMatch(sentence))
        {
            ctx.Tally.Skipped(RelationKind.Sentence, "base period not stated");
            yield break;
        }

        var months = FiscalConvention.MonthsOf(sentence);
        var basePeriod = FiscalConvention.Shift(ctx.CurrentPeriod, back.Value);
        var changes = matches.Where(c => c.Row.Unit != RowUnit.ShareCount)
            .Select(c => (Claim: c, Cur: ColumnFor(c, ctx.CurrentPeriod, months), Base: ColumnFor(c, basePeriod, months)))
            .Where(x => x.Cur is not null && x.Base is not null && (x.Cur.Months == x.Base.Months))
            .Select(x => (x.Claim, Range: PercentChecks.ChangeRange(x.Claim.Row[x.Cur!.Index]!.Range, x.Claim.Row[x.Base!.Index]!.Range)))
            .Where(x => x.Range is not null).Select(x => (x.Claim, Range: x.Range!.Value)).ToList();
        var up = direction.Groups["up"].Success;
        var claimed = Interval.Around(up ? f.Value : -f.Value, Figure.Pow10(-f.Decimals) / 2);
        if (changes.Any(c => c.Range.Overlaps(claimed)))
        {
            ctx.Tally.Checked(RelationKind.Sentence, true, $"{ctx.LineName(at.Line)}: {direction.Value} {f.Text} against \"{changes[0].Claim.Row.Label}\"");
            yield break;
        }

        if (changes.Count == 0 || changes.Count != matches.Count || !matches.All(c => SameLabel(c, words)) || changes.Select(c => (Math.Round(c.Range.Lo, 4), Math.Round(c.Range.Hi, 4))).Distinct().Count() > 1)
        {
            ctx.Tally.Skipped(RelationKind.Sentence, "subject or period not confirmed");
            yield break;
        }

        var (src, range) = changes[0];
        var near = range.DistanceTo(claimed) <= Figure.Pow10(-f.Decimals);
        ctx.Tally.Checked(RelationKind.Sentence, near, $"{ctx.LineName(at.Line)}: {direction.Value} {f.Text} against \"{src.Row.Label}\" in {VerifyContext.Short(src.Table)} ({range}%)");
        if (near)
        {
            yield break;
        }

        var shown = Figure.Format(range.Mid, f.Decimals, true);
        yield return new Diagnostic(FindingCodes.NarrativePercent, Severity.Error, at,
            $"The text says {direction.Value.Trim()} {f.Text} for \"{src.Row.Label}\" {(back == 12 ? "against a year earlier" : "against the previous quarter")}, but {VerifyContext.Short(src.Table)} gives a change of {shown} (between {range}% whatever the rounding).")
            { Expected = Compared.Of(shown, range), Actual = Compared.Of(f.Text, claimed), Subject = subject };
    }
}
