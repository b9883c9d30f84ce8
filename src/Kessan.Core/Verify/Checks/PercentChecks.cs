using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// % change (current / base − 1, computed over the ranges the printed figures stand for), absolute change, and
/// % of total (each row over the row printed as 100%).
/// </summary>
public static class PercentChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            foreach (var col in table.Columns)
            {
                var found = col.Kind switch
                {
                    ColumnKind.PercentChange when col.Current is not null && col.Base is not null => BestPair(table, col, PercentChangeFits) is var (cur, b) ? PercentChange(ctx, table, col, cur, b) : [],
                    ColumnKind.AbsoluteChange when col.Current is not null && col.Base is not null => BestPair(table, col, AbsoluteChangeFits) is var (cur, b) ? AbsoluteChange(ctx, table, col, cur, b) : [],
                    ColumnKind.PercentOfTotal when col.Current is { } cur => PercentOfTotal(ctx, table, col, cur),
                    ColumnKind.PercentChange => AgainstYearAgoElsewhere(ctx, table, col, "no value columns to compare with"),
                    ColumnKind.AbsoluteChange => Unpaired(ctx, table, col, RelationKind.PercentChange),
                    ColumnKind.PercentOfTotal => Unpaired(ctx, table, col, RelationKind.PercentOfTotal),
                    _ => [],
                };
                foreach (var f in found)
                {
                    yield return f;
                }
            }
        }
    }

    /// <summary>A change or % of total column with no value columns to compare: its cells are counted as not checked.</summary>
    private static IEnumerable<Diagnostic> Unpaired(VerifyContext ctx, TableModel table, ColumnInfo col, RelationKind kind)
    {
        ctx.Tally.Skipped(kind, "no value columns to compare with", table.Rows.Count(r => r[col.Index] is { IsDash: false }));
        return [];
    }

    /// <summary>
    /// Which two value columns a change column compares: the layout suggests a pair (the current column against
    /// the nearest one to the left), but "2019 | change | 2018 | change | 2017" and "2019 2018 2017 | 2019 vs 2018"
    /// exist too, so every pair of value columns in the same currency is tried and the one most rows agree with wins
    /// (the suggested pair on a tie). One wrong figure cannot outvote a whole column.
    /// </summary>
    private static (int Current, int Base) BestPair(TableModel table, ColumnInfo col, Func<TableRow, int, int, int, bool?> fits)
    {
        var suggested = (col.Current!.Value, col.Base!.Value);
        var values = table.ValueColumns.Where(v => v.Currency == table.Columns[suggested.Item1].Currency).Select(v => v.Index).ToList();
        var best = suggested;
        var bestScore = Score(suggested);
        foreach (var a in values)
        {
            foreach (var b in values.Where(b => b != a))
            {
                var score = Score((a, b));
                if (score > bestScore)
                {
                    bestScore = score;
                    best = (a, b);
                }
            }
        }

        return best;

        int Score((int Cur, int Base) pair) => table.Rows.Count(r => !r.IsSection && fits(r, col.Index, pair.Cur, pair.Base) == true);
    }

    private static bool? PercentChangeFits(TableRow row, int column, int cur, int bas)
    {
        if (row[column] is not { IsDash: false } p || row[cur] is not { } a || row[bas] is not { IsDash: false } b || b.Value == 0 || ChangeRange(a.Range, b.Range) is not { } ratio)
        {
            return null;
        }

        return ratio.Overlaps(p.Range) || (-ratio).Overlaps(p.Range) || (IsRatioRow(row, a, b) && (a.Range - b.Range).Overlaps(p.Range));
    }

    private static bool? AbsoluteChangeFits(TableRow row, int column, int cur, int bas)
    {
        if (row[column] is not { } d || row[cur] is not { } a || row[bas] is not { } b)
        {
            return null;
        }

        var diff = a.Range - b.Range;
        return diff.Overlaps(d.Range) || (-diff).Overlaps(d.Range);
    }

    private static bool IsCostRow(TableRow row) =>
        row.Tokens.Any(t => t is "cost" or "expense" or "expenditure" or "impairment" or "amortization" or "depreciation" or "charge");

    /// <summary>Margins, rates and ratios change in percentage points.</summary>
    private static bool IsRatioRow(TableRow row, Figure a, Figure b) =>
        a.IsPercent || b.IsPercent || row.Label.Contains('%') || row.Tokens.Any(t => t is "margin" or "rate" or "ratio" or "percentage" or "percent" or "yield" or "return");

    /// <summary>The range of (a / b − 1) × 100 over the ranges of a and b; null when b may be zero.</summary>
    public static Interval? ChangeRange(Interval a, Interval b) => a.DividedBy(b) is { } r ? (r - Interval.Exact(1)).Times(100) : null;

    private static IEnumerable<Diagnostic> PercentChange(VerifyContext ctx, TableModel table, ColumnInfo col, int cur, int bas)
    {
        var cases = new List<(TableRow Row, Figure P, Interval Ratio, Interval Alt, Interval? Points)>();
        foreach (var row in table.Rows.Where(r => !r.IsSection))
        {
            if (row[col.Index] is not { IsDash: false } p || row[cur] is not { } a || row[bas] is not { IsDash: false } b || b.Value == 0)
            {
                continue;
            }

            if (ChangeRange(ctx.RangeOf(a), ctx.RangeOf(b)) is not { } ratio)
            {
                continue;
            }

            // (a − b) / |b|: the same as a / b − 1 unless the base is negative.
            var alt = b.Value < 0 ? -ratio : ratio;
            Interval? points = IsRatioRow(row, a, b) ? ctx.RangeOf(a) - ctx.RangeOf(b) : null;
            if (points is { } pts && pts.Times(100).Overlaps(p.Range))
            {
                // A margin's change in basis points ("% Chg" of 20 for 51.8% against 52.0%).
                points = pts.Times(100);
            }

            cases.Add((row, p, ratio, alt, points));
        }

        // Which convention does this table use for negative bases? Decided by the rows that tell them apart.
        var onlyRatio = cases.Count(c => c.Ratio.Overlaps(c.P.Range) && !c.Alt.Overlaps(c.P.Range));
        var onlyAlt = cases.Count(c => c.Alt.Overlaps(c.P.Range) && !c.Ratio.Overlaps(c.P.Range));
        var allowRatio = onlyRatio >= onlyAlt;
        var allowAlt = onlyAlt >= onlyRatio;
        // Some tables show a fall in a cost as a positive (favourable) change; decided by the cost rows themselves.
        var costs = cases.Where(c => IsCostRow(c.Row)).ToList();
        var favourable = costs.Count(c => (-c.Ratio).Overlaps(c.P.Range) && !c.Ratio.Overlaps(c.P.Range)) > costs.Count(c => c.Ratio.Overlaps(c.P.Range) && !(-c.Ratio).Overlaps(c.P.Range));
        bool Fits((TableRow Row, Figure P, Interval Ratio, Interval Alt, Interval? Points) c) =>
            (allowRatio && c.Ratio.Overlaps(c.P.Range)) || (allowAlt && c.Alt.Overlaps(c.P.Range)) || (c.Points is { } pp && pp.Overlaps(c.P.Range)) ||
            (favourable && IsCostRow(c.Row) && (-c.Ratio).Overlaps(c.P.Range));

        // The pairing of this column with two value columns is confirmed only when most of its rows agree with it.
        var agreeing = cases.Count(Fits);
        ctx.Tally.Skipped(RelationKind.PercentChange, "no figures to compare (a base of zero, a dash)", table.Rows.Count(r => !r.IsSection && r[col.Index] is { IsDash: false }) - cases.Count);
        if (!Confirmed(agreeing, cases.Count) && !(cases.Count > 0 && ConfirmedByLayout(ctx, table, col, PercentChangeFits, agreeing, cases.Count)))
        {
            foreach (var d in AgainstYearAgoElsewhere(ctx, table, col, "column's pairing not confirmed by the figures"))
            {
                yield return d;
            }

            yield break;
        }

        foreach (var c in cases)
        {
            ctx.Tally.Checked(RelationKind.PercentChange, Fits(c), $"{VerifyContext.Where(table, c.Row, col.Index)}: {c.P.Text} against {c.Row[cur]!.Text} and {c.Row[bas]!.Text} ({c.Ratio}%)");
        }

        foreach (var (row, p, ratio, alt, points) in cases)
        {
            if (Fits((row, p, ratio, alt, points)))
            {
                continue;
            }

            var expected = allowRatio ? ratio : alt;
            var distance = expected.DistanceTo(p.Range);
            var what = $"{VerifyContext.Where(table, row, col.Index)} is {p.Text}, but {row[cur]!.Text} against {row[bas]!.Text} is a change of {VerifyContext.Show(expected.Mid, p)}";
            if (distance <= p.Unit)
            {
                yield return new Diagnostic(FindingCodes.PercentChangeOffByOne, Severity.Warning, ctx.At(p),
                    $"{what} (between {expected}%); one unit off.") { Expected = Compared.Of(VerifyContext.Show(expected.Mid, p), expected), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, row) };
            }
            else
            {
                yield return new Diagnostic(FindingCodes.PercentChangeWrong, Severity.Error, ctx.At(p),
                    $"{what} (between {expected}% whatever the rounding).") { Expected = Compared.Of(VerifyContext.Show(expected.Mid, p), expected), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, row) };
            }
        }
    }

    /// <summary>
    /// "Net Sales | % Change Versus Year Ago": a % change beside one value column, the year-ago figures printed in
    /// another table (a segment note). Each row's base is found through its twin: a row of the same label in another
    /// table of the same scale printing the same figure, and beside it the year before (a column a year earlier, or
    /// the unlabelled row below marked with the previous year). Checked only when most rows agree (at least two);
    /// otherwise the cells are counted as not checked, for <paramref name="reason"/>.
    /// </summary>
    private static IEnumerable<Diagnostic> AgainstYearAgoElsewhere(VerifyContext ctx, TableModel table, ColumnInfo col, string reason)
    {
        var cells = table.Rows.Count(r => !r.IsSection && r[col.Index] is { IsDash: false });
        var valueCol = table.Columns.Take(col.Index).LastOrDefault(v => v.Kind == ColumnKind.Value);
        var cases = new List<(TableRow Row, Figure P, Figure A, Figure B, Interval Ratio)>();
        foreach (var row in valueCol is null ? [] : table.Rows.Where(r => !r.IsSection && r.Tokens.Count > 0))
        {
            if (row[col.Index] is { IsDash: false } p && row[valueCol!.Index] is { IsDash: false } a && Math.Abs(a.Value) >= 10 * a.Unit &&
                YearAgoOf(ctx, table, row, a).Distinct().ToList() is [var b] && b.Value != 0 && ChangeRange(a.Range, b.Range) is { } ratio)
            {
                cases.Add((row, p, a, b, b.Value < 0 ? -ratio : ratio));
            }
        }

        if (!Confirmed(cases.Count(c => c.Ratio.Overlaps(c.P.Range)), cases.Count))
        {
            ctx.Tally.Skipped(RelationKind.PercentChange, reason, cells);
            yield break;
        }

        ctx.Tally.Skipped(RelationKind.PercentChange, "year-ago figure not found in another table", cells - cases.Count);
        foreach (var (row, p, a, b, ratio) in cases)
        {
            var fits = ratio.Overlaps(p.Range);
            ctx.Tally.Checked(RelationKind.PercentChange, fits, $"{VerifyContext.Where(table, row, col.Index)}: {p.Text} against {a.Text} and the year-ago {b.Text} in another table ({ratio}%)");
            if (fits)
            {
                continue;
            }

            var what = $"{VerifyContext.Where(table, row, col.Index)} is {p.Text}, but {a.Text} against the year-ago {b.Text} (line {b.Line}) is a change of {VerifyContext.Show(ratio.Mid, p)}";
            yield return ratio.DistanceTo(p.Range) <= p.Unit
                ? new Diagnostic(FindingCodes.PercentChangeOffByOne, Severity.Warning, ctx.At(p), $"{what} (between {ratio}%); one unit off.")
                    { Expected = Compared.Of(VerifyContext.Show(ratio.Mid, p), ratio), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, row) }
                : new Diagnostic(FindingCodes.PercentChangeWrong, Severity.Error, ctx.At(p), $"{what} (between {ratio}% whatever the rounding).")
                    { Expected = Compared.Of(VerifyContext.Show(ratio.Mid, p), ratio), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, row) };
        }
    }

    /// <summary>The year-ago figures of <paramref name="a"/>'s twins in other tables (see <see cref="AgainstYearAgoElsewhere"/>).</summary>
    private static IEnumerable<Figure> YearAgoOf(VerifyContext ctx, TableModel table, TableRow row, Figure a)
    {
        foreach (var other in ctx.Tables.Where(t => t != table && t.Scale == table.Scale))
        {
            for (var i = 0; i < other.Rows.Count; i++)
            {
                var twin = other.Rows[i];
                if (twin.IsSection || !twin.Tokens.SequenceEqual(row.Tokens))
                {
                    continue;
                }

                foreach (var c in other.ValueColumns.Where(c => twin[c.Index] is { } t && t.Value == a.Value && t.Decimals == a.Decimals))
                {
                    // A column a year earlier, the only one.
                    if (YearBefore(c.Period) is { } prior && other.ValueColumns.Where(v => v.Period == prior && v.Currency == c.Currency).ToList() is [var priorCol] &&
                        twin[priorCol.Index] is { IsDash: false } same)
                    {
                        yield return same;
                    }

                    // A year per row: "Beauty | 2025 | 3,490" over " | 2024 | 3,550".
                    if (i + 1 < other.Rows.Count && other.Rows[i + 1] is { IsSection: false, Tokens.Count: 0 } next && next[c.Index] is { IsDash: false } below &&
                        other.ValueColumns.Any(m => m.Index < c.Index && twin[m.Index] is { Decimals: 0 } y && next[m.Index] is { Decimals: 0 } y0 &&
                            y.Value is >= 1900 and <= 2100 && y.Value == y0.Value + 1))
                    {
                        yield return below;
                    }
                }
            }
        }
    }

    /// <summary>The period a year before a period key ("2024-03" for "2025-03", "Y2024" for "Y2025").</summary>
    private static string? YearBefore(string? key) =>
        key is null ? null
        : key.StartsWith('Y') && int.TryParse(key[1..], System.Globalization.CultureInfo.InvariantCulture, out var year) ? $"Y{year - 1}"
        : FiscalConvention.Shift(key, 12);

    /// <summary>A column's relation to others holds on most of its rows (at least two), so a row where it fails is an error, not a misreading.</summary>
    internal static bool Confirmed(int agreeing, int total) => agreeing >= 2 && agreeing * 2 > total;

    /// <summary>
    /// A change column of a table too small to confirm its own pairing (one expense line and its % of revenue, as a
    /// 10-Q's discussion prints one such table per line) is confirmed by the tables laid out the same way — the same
    /// headings, kinds, periods and spans in the same places — when most of the rows of all of them agree with the
    /// same pairing (at least three, and three in four).
    /// </summary>
    private static bool ConfirmedByLayout(VerifyContext ctx, TableModel table, ColumnInfo col, Func<TableRow, int, int, int, bool?> fits, int agreeing, int total)
    {
        foreach (var other in ctx.Tables.Where(t => t != table && SameLayout(t, table)))
        {
            var column = other.Columns[col.Index];
            if (column.Current is null || column.Base is null)
            {
                continue;
            }

            var (cur, bas) = BestPair(other, column, fits);
            foreach (var row in other.Rows.Where(r => !r.IsSection))
            {
                if (fits(row, col.Index, cur, bas) is { } f)
                {
                    total++;
                    agreeing += f ? 1 : 0;
                }
            }
        }

        return VerifyContext.ShownByMost(agreeing, total);
    }

    private static bool SameLayout(TableModel a, TableModel b) =>
        a.Columns.Count == b.Columns.Count && a.Columns.Zip(b.Columns).All(p =>
            p.First.Kind == p.Second.Kind && p.First.Period == p.Second.Period && p.First.Months == p.Second.Months && p.First.Current == p.Second.Current &&
            p.First.Base == p.Second.Base && string.Equals(p.First.Header, p.Second.Header, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<Diagnostic> AbsoluteChange(VerifyContext ctx, TableModel table, ColumnInfo col, int cur, int bas)
    {
        var checkable = table.Rows.Where(r => !r.IsSection).Select(r => AbsoluteChangeFits(r, col.Index, cur, bas)).Where(f => f is not null).ToList();
        if (!Confirmed(checkable.Count(f => f == true), checkable.Count) && !(checkable.Count > 0 && ConfirmedByLayout(ctx, table, col, AbsoluteChangeFits, checkable.Count(f => f == true), checkable.Count)))
        {
            ctx.Tally.Skipped(RelationKind.PercentChange, "column's pairing not confirmed by the figures", checkable.Count);
            yield break;
        }

        foreach (var row in table.Rows.Where(r => !r.IsSection))
        {
            if (row[col.Index] is not { } d || row[cur] is not { } a || row[bas] is not { } b)
            {
                continue;
            }

            var diff = a.Range - b.Range;
            var holds = diff.Overlaps(d.Range) || (-diff).Overlaps(d.Range) || diff.DistanceTo(d.Range) <= d.Unit;
            ctx.Tally.Checked(RelationKind.PercentChange, holds, $"{VerifyContext.Where(table, row, col.Index)}: {d.Text} against {a.Text} less {b.Text}");
            if (holds)
            {
                continue;
            }

            yield return new Diagnostic(FindingCodes.PercentChangeWrong, Severity.Error, ctx.At(d),
                $"{VerifyContext.Where(table, row, col.Index)} is {d.Text}, but {a.Text} less {b.Text} is {VerifyContext.Show(diff.Mid, d)}.") { Expected = Compared.Of(VerifyContext.Show(diff.Mid, d), diff), Actual = Compared.Of(d), Subject = VerifyContext.SubjectOf(table, row) };
        }
    }

    private static IEnumerable<Diagnostic> PercentOfTotal(VerifyContext ctx, TableModel table, ColumnInfo col, int cur)
    {
        var rows = table.Rows.Where(r => !r.IsSection && r.Unit == RowUnit.Amount).ToList();
        var denominators = rows.Where(r => r[col.Index] is { } p && p.Range.Contains(100) && r[cur] is not null).ToList();
        if (denominators.Count == 0)
        {
            ctx.Tally.Skipped(RelationKind.PercentOfTotal, "no row printed as 100%", rows.Count(r => r[col.Index] is not null));
            yield break;
        }

        foreach (var row in rows)
        {
            if (denominators.Contains(row) || row[col.Index] is not { } p || row[cur] is not { } v)
            {
                continue;
            }

            var denom = denominators.FirstOrDefault(d => d.Index >= row.Index) ?? denominators[^1];
            if (v.Range.DividedBy(denom[cur]!.Range) is not { } share)
            {
                continue;
            }

            share = share.Times(100);
            ctx.Tally.Checked(RelationKind.PercentOfTotal, share.DistanceTo(p.Range) <= p.Unit,
                $"{VerifyContext.Where(table, row, col.Index)}: {p.Text} against {v.Text} of \"{denom.Label}\" {denom[cur]!.Text} ({share}%)");
            if (share.Overlaps(p.Range))
            {
                continue;
            }

            var distance = share.DistanceTo(p.Range);
            var expected = VerifyContext.Show(share.Mid, p);
            if (distance <= p.Unit)
            {
                var plain = Math.Round(share.Mid, p.Decimals, MidpointRounding.AwayFromZero);
                var why = FootingChecks.FootsBecauseOf(table, row, col.Index, plain) is { } t
                    ? $"a rounding adjustment so that \"{t}\" foots as printed"
                    : "a rounding adjustment";
                yield return new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, ctx.At(p),
                    $"{VerifyContext.Where(table, row, col.Index)} is {p.Text} where plain rounding gives {expected}: {why}.") { Expected = Compared.Of(expected, share), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, row) };
            }
            else
            {
                yield return new Diagnostic(FindingCodes.PercentOfTotalWrong, Severity.Error, ctx.At(p),
                    $"{VerifyContext.Where(table, row, col.Index)} is {p.Text}, but {v.Text} of \"{denom.Label}\" {denom[cur]!.Text} is {expected}.") { Expected = Compared.Of(expected, share), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, row) };
            }
        }
    }
}
