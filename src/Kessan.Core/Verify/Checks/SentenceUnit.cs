using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// A sentence about one business unit of a table that shows each unit as a section ("OPTOELECTRONICS" above
/// "Sales"): "In 2000, this business unit had sales of $497 million" under the heading "Optoelectronics", or
/// "Optoelectronics had sales of $497 million in 2000". The unit is named in the subject, or — when the subject
/// says "this business unit", "the segment" — by the heading above the paragraph; the rest of the subject, once its
/// period and linking words are set aside, must be exactly the label of the rows under that unit's section; the
/// sentence names one year, and every table holding that row for that year in one column gives the same figure.
/// Then an amount that agrees with none of those rows' figures is an error.
/// </summary>
public static partial class NarrativeChecks
{
    [GeneratedRegex(@"\b(?:this|that|the)\s+(?:business\s+unit|business\s+segment|operating\s+segment|segment|division|sbu|strategic\s+business\s+unit|unit)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnitReference();

    /// <summary>The section a row sits under: the nearest row above it with no figures; null when none.</summary>
    private static TableRow? SectionOf(TableModel table, TableRow row)
    {
        TableRow? section = null;
        foreach (var r in table.Rows)
        {
            if (r == row)
            {
                return section;
            }

            if (r.IsSection)
            {
                section = r;
            }
        }

        return null;
    }

    private static Diagnostic? StatedForUnit(VerifyContext ctx, HashSet<string> words, string sentence, TextFigure f, Setting setting, SourceLocation at, string subject)
    {
        if (f.Value == 0 || FiguresIn(sentence).FirstOrDefault(g => !g.Percent)?.Index != f.Index)
        {
            return null;
        }

        // The unit: named in the subject, or referred to ("this business unit") under a heading that names it.
        var lead = sentence[..f.Index];
        var reference = UnitReference().Match(lead);
        var heading = reference.Success && setting.Heading is { } h ? Labels.Tokens(h).ToHashSet() : null;
        if (reference.Success && (heading is null || heading.Count is 0 or > 4))
        {
            return null;
        }

        var referring = Labels.Tokens(reference.Value).ToHashSet();
        var measure = MeasureWords(words, setting.Issuer).Where(w => !Linking.Contains(w) && !referring.Contains(w)).ToHashSet();
        if (measure.Count == 0)
        {
            return null;
        }

        // The rows: their label and their section's together say exactly what the subject (and the heading) say.
        var rows = new List<Claim>();
        foreach (var c in setting.Index.Candidates(measure))
        {
            if (SectionOf(c.Table, c.Row) is not { } section || section.Tokens.Count == 0 || c.Row.Unit != RowUnit.Amount)
            {
                continue;
            }

            var unit = section.Tokens.ToHashSet();
            var fits = heading is not null
                ? unit.SetEquals(heading) && c.Row.Tokens.ToHashSet().SetEquals(measure)
                : !unit.Overlaps(c.Row.Tokens) && measure.SetEquals(unit.Union(c.Row.Tokens));
            if (fits)
            {
                rows.Add(c);
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        // One year, named in the sentence or in its paragraph so far.
        var year = YearIn(lead) ?? (YearNamed().IsMatch(lead) ? null : YearIn(setting.Before));
        if (year is null)
        {
            return null;
        }

        var values = new List<(Claim Claim, Interval Value)>();
        foreach (var c in rows)
        {
            var cols = c.Table.ValueColumns.Where(k => k.Period is { } p && InYear(p, year.Value.Year) && (p.StartsWith('Y') || k.Months is 12)).ToList();
            if (cols is not [var only] || c.Row[only.Index] is not { IsDash: false } cell)
            {
                return null;
            }

            values.Add((c, VerifyContext.Real(c.Table, c.Row, cell)));
        }

        if (values.Select(v => (Math.Round(v.Value.Lo, 2), Math.Round(v.Value.Hi, 2))).Distinct().Count() > 1 || values[0].Value.Mid == 0)
        {
            return null; // the unit's rows do not agree: which one the sentence speaks of is not known
        }

        var (source, value) = values.OrderBy(v => v.Claim.Table.ScaleOf(v.Claim.Row)).First();
        if (TenTimesApart(f, value))
        {
            return null;
        }

        if (AllFigures(rows).Any(v => Compare(f, v).Ok))
        {
            return null; // agrees with another year's figure of the unit: not an error this rule can assert
        }

        var (_, near, expected, claimed) = Compare(f, value);
        var unitName = SectionOf(source.Table, source.Row)!.Label;
        ctx.Tally.Checked(RelationKind.Sentence, near, $"{ctx.LineName(at.Line)}: {f.Text} against \"{source.Row.Label}\" under \"{unitName}\" in {VerifyContext.Short(source.Table)} ({expected})");
        var text = $"The text says {f.Text} for \"{source.Row.Label}\" of {unitName}, but {VerifyContext.Short(source.Table)} gives {expected} for the year the text speaks of.";
        return near
            ? new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, at, text + " One unit off: a rounding difference.") { Expected = expected, Actual = claimed }
            : new Diagnostic(FindingCodes.NarrativeAmount, Severity.Error, at, text) { Expected = expected, Actual = claimed, Subject = subject };
    }
}
