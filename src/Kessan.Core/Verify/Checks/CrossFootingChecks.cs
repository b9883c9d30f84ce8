using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Cross-footing: a "Total" column is the sum of the value columns to its left ("Less than 1 year | 2–5 years |
/// Total", "Upstream | Downstream | Segment Total"). A column is taken to be such a total only when most rows add up;
/// the rows that then do not are errors. A row of column headings inside the table that names a total column
/// ("Segment Total | Corporate | Corporate Total") starts a block of rows with headings of its own. A table of
/// percentage points whose last column most rows show exactly as the sum of some columns to its left (volume, price,
/// mix and foreign exchange adding up to the growth in sales) is cross-footed the same way.
/// </summary>
public static partial class CrossFootingChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        // A total column keeps its heading across blocks ("Segment Total" over the income statement and over the
        // assets) and across tables printed under the same headings (a segment note for each period): its rows are
        // confirmed together.
        // The total column of a table whose rows are periods (a 決算短信's dividends) is PeriodRowChecks' to add up.
        var members = ctx.Tables.SelectMany(table => Blocks(table).SelectMany(b => table.ValueColumns.Where(c => IsTotalHeading(b.Headings[c.Index]) && PeriodRowChecks.TotalColumn(table) != c.Index).Select(c => Member(table, b, c))))
            .OfType<TotalColumn>()
            .GroupBy(m => (m.Total, Heading: m.Headings[m.Total], Parts: string.Join('\u001f', m.Candidates.Select(c => $"{c}:{m.Headings[c]}"))));
        foreach (var group in members)
        {
            // A table joins the others when more than half of its rows show the layout: one printed differently under
            // the same headings is not outvoted by them.
            var fits = group.Select(m => (Member: m, Best: BestParts(m.Rows, m.Candidates, m.Total))).ToList();
            var joined = fits.Count == 1 ? fits : fits.Where(f => f.Best.Fitting.Count * 2 > f.Member.Rows.Count).ToList();
            var rows = joined.SelectMany(f => f.Member.Rows).ToList();
            var (parts, fitting) = BestParts(rows, group.First().Candidates, group.Key.Total);

            // The columns the total adds up are confirmed by the figures: most rows (and at least three) add up.
            if (parts.Count < 2 || !VerifyContext.ShownByMost(fitting.Count, rows.Count))
            {
                ctx.Tally.Skipped(RelationKind.Footing, "total column not confirmed", group.Sum(m => m.Rows.Count));
                continue;
            }

            ctx.Tally.Skipped(RelationKind.Footing, "total column not confirmed", fits.Except(joined).Sum(f => f.Member.Rows.Count));
            foreach (var (m, _) in joined)
            {
                foreach (var d in Report(ctx, m.Table, m.Rows, m.Rows.Intersect(fitting).ToList(), parts, m.Total, m.Headings[m.Total]))
                {
                    yield return d;
                }
            }
        }

        foreach (var table in ctx.Tables)
        {
            foreach (var d in PercentagePoints(ctx, table).Concat(RollForward(ctx, table)))
            {
                yield return d;
            }
        }
    }

    /// <summary>A total column in one block of a table: the columns to its left it may add up, and the rows to check.</summary>
    private sealed record TotalColumn(TableModel Table, IReadOnlyList<string> Headings, int Total, List<int> Candidates, List<TableRow> Rows);

    private static TotalColumn? Member(TableModel table, (IReadOnlyList<string> Headings, List<TableRow> Rows) block, ColumnInfo total)
    {
        var headings = block.Headings;
        var left = table.ValueColumns.Where(c => c.Index < total.Index && c.Currency == total.Currency && block.Rows.Any(r => r[c.Index] is not null)).ToList();
        var candidates = left.Where(c => !IsTotalHeading(headings[c.Index])).Select(c => c.Index).ToList();
        if (candidates.Count < 2)
        {
            // "Segment Total | Corporate | Corporate Total": a total of a total and what it leaves out.
            candidates = left.Select(c => c.Index).ToList();
        }

        if (candidates.Count < 2)
        {
            return null;
        }

        var rows = block.Rows.Where(r => !r.IsSection && r.Unit == RowUnit.Amount && r[total.Index] is not null && candidates.Any(p => r[p] is not null) && !IsRatio(r)).ToList();
        return new TotalColumn(table, headings, total.Index, candidates, rows);
    }

    private static IEnumerable<Diagnostic> Report(VerifyContext ctx, TableModel table, List<TableRow> rows, List<TableRow> fitting, List<int> parts, int total, string heading)
    {
        string Where(TableRow row) => $"{VerifyContext.Short(table)}, \"{row.Label}\", {(heading.Length > 0 ? heading : table.ColumnName(total))}";
        foreach (var row in rows)
        {
            ctx.Tally.Checked(RelationKind.Footing, fitting.Contains(row), $"{Where(row)}: {row[total]!.Text} against the columns to its left (sum {Sum(row, parts)})", table);
        }

        foreach (var row in rows.Except(fitting))
        {
            var fig = row[total]!;
            var sum = Sum(row, parts);
            yield return new Diagnostic(FindingCodes.CrossFootFails, Severity.Error, ctx.At(fig),
                $"{Where(row)} is {fig.Text}, but the columns to its left add up to {VerifyContext.Show(sum.Mid, fig)}.") { Expected = Compared.Of(VerifyContext.Show(sum.Mid, fig), sum), Actual = Compared.Of(fig), Subject = VerifyContext.SubjectOf(table, row) };
        }
    }

    /// <summary>"Total", "Segment Total", "Corporate total"; not "% of total".</summary>
    internal static bool IsTotalHeading(string heading)
    {
        var h = Labels.Clean(heading);
        // A Japanese total column is named …合計 (株主資本合計 in a statement of changes in equity).
        return h.StartsWith("total", StringComparison.OrdinalIgnoreCase) || h.EndsWith("合計", StringComparison.Ordinal)
            || (TotalHeading().IsMatch(h)
                && !ShareOfTotalHeading().IsMatch(h));
    }

    /// <summary>
    /// The table's rows in blocks, each with the column headings it is read under: the table's own, then those of
    /// each row of headings inside the table that names a total column.
    /// </summary>
    private static IEnumerable<(IReadOnlyList<string> Headings, List<TableRow> Rows)> Blocks(TableModel table)
    {
        IReadOnlyList<string> headings = table.Columns.Select(c => c.Header).ToList();
        var block = new List<TableRow>();
        foreach (var row in table.Rows)
        {
            if (row.IsSection && row.Index < table.Raw.Rows.Count && table.Raw.Rows[row.Index].Cells is { Count: > 1 } cells)
            {
                var own = table.Columns.Select(c => c.Index > 0 && c.Index < cells.Count ? Labels.Clean(cells[c.Index].Text) : "").ToList();
                if (own.Count(t => t.Length > 0) >= 2 && table.ValueColumns.Any(c => IsTotalHeading(own[c.Index])))
                {
                    yield return (headings, block);
                    (headings, block) = (own, []);
                    continue;
                }
            }

            block.Add(row);
        }

        yield return (headings, block);
    }

    /// <summary>
    /// A table of percentage points ("Volume | Foreign Exchange | Price | Mix | Net Sales Growth"): its last column
    /// is the sum of the columns to its left that most rows (at least three) show it to be exactly as printed; a row
    /// that then does not add up within rounding is an error.
    /// </summary>
    private static IEnumerable<Diagnostic> PercentagePoints(VerifyContext ctx, TableModel table)
    {
        var percent = table.Columns.Where(c => c.Kind != ColumnKind.Label && IsPercentColumn(table, c.Index)).Select(c => c.Index).ToList();
        if (percent.Count < 3 || table.Columns.Any(c => c.Index > percent[^1] && table.Rows.Any(r => r[c.Index] is not null)))
        {
            yield break;
        }

        var total = percent[^1];
        var candidates = percent.Take(percent.Count - 1).ToList();
        // "—%" is no points: it counts towards confirming the layout, though it is not a figure to report on.
        decimal? Points(TableRow r, int c) =>
            r[c]?.Value ?? (c < table.Raw.Rows[r.Index].Cells.Count && DashPercent().IsMatch(table.Raw.Rows[r.Index].Cells[c].Text) ? 0 : null);
        var rows = table.Rows.Where(r => !r.IsSection && r.Index < table.Raw.Rows.Count && Points(r, total) is not null && candidates.Any(p => Points(r, p) is not null and not 0) && r.Cells.All(f => f is null || f.IsPercent || f.IsDash)).ToList();
        if (rows.Count < 3 || candidates.Count > 10)
        {
            yield break;
        }

        var best = (Parts: new List<int>(), Exact: 0);
        for (var mask = (1 << candidates.Count) - 1; mask > 0; mask--)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) < 2)
            {
                continue;
            }

            var parts = candidates.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            var exact = rows.Count(r => parts.Sum(p => Points(r, p) ?? 0) == Points(r, total));
            if (exact > best.Exact)
            {
                best = (parts, exact);
            }
        }

        if (!VerifyContext.ShownByMost(best.Exact, rows.Count))
        {
            ctx.Tally.Skipped(RelationKind.Footing, "total column not confirmed", rows.Count);
            yield break;
        }

        var shown = rows.Where(r => r[total] is not null).ToList();
        foreach (var d in Report(ctx, table, shown, shown.Where(r => Fits(r, best.Parts, total)).ToList(), best.Parts, total, table.Columns[total].Header))
        {
            yield return d;
        }
    }

    [GeneratedRegex(@"期首|\b(beginning|opening)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Opening();

    [GeneratedRegex(@"期末|年度末|末残高|\b(end|ending|closing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Closing();

    [GeneratedRegex(@"減少|取崩|\b(deductions?|decreases?|write-?offs?|written off|used|utili[sz]ed|utili[sz]ation|reversals?|disposals?|payments|charge-?offs?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Decrease();

    [GeneratedRegex(@"\btotal$", RegexOptions.IgnoreCase)]
    private static partial Regex TotalHeading();

    [GeneratedRegex(@"%|\b(of|to|in|percent|percentage)\s+total$", RegexOptions.IgnoreCase)]
    private static partial Regex ShareOfTotalHeading();

    [GeneratedRegex(@"^\s*[—–-]\s*%\s*$")]
    private static partial Regex DashPercent();

    /// <summary>
    /// A movement table ("期首 | 増加 | 減少 | 期末", "Balance at beginning of period | Additions | Deductions | Balance at
    /// end of period"): the closing column is the opening one plus the increases less the decreases on every row.
    /// The headings name the columns; the figures confirm the layout (most rows, and at least three, roll forward)
    /// before a row that does not is an error.
    /// </summary>
    private static IEnumerable<Diagnostic> RollForward(VerifyContext ctx, TableModel table)
    {
        var values = table.ValueColumns.Where(c => table.Rows.Any(r => !r.IsSection && r[c.Index] is not null)).ToList();
        if (values.Count < 3 || !Opening().IsMatch(values[0].Header) || Opening().IsMatch(values[^1].Header) || !Closing().IsMatch(values[^1].Header)
            || values.Skip(1).SkipLast(1).Any(c => Opening().IsMatch(c.Header) || Closing().IsMatch(c.Header) || c.Currency != values[0].Currency))
        {
            yield break;
        }

        var (opening, closing) = (values[0].Index, values[^1].Index);
        var movements = values.Skip(1).SkipLast(1).Select(c => (c.Index, Less: Decrease().IsMatch(c.Header))).ToList();
        Interval Rolled(TableRow r) => movements.Aggregate(r[opening]!.Range, (acc, m) => r[m.Index] is not { } f ? acc : m.Less ? acc - f.Range.Abs() : acc + f.Range);
        var rows = table.Rows.Where(r => !r.IsSection && !IsRatio(r) && r[opening] is not null && r[closing] is { IsDash: false }).ToList();
        var fitting = rows.Where(r => Rolled(r).Overlaps(r[closing]!.Range)).ToList();
        if (!VerifyContext.ShownByMost(fitting.Count, rows.Count))
        {
            ctx.Tally.Skipped(RelationKind.Footing, "total column not confirmed", rows.Count);
            yield break;
        }

        string Where(TableRow row) => $"{VerifyContext.Short(table)}, \"{row.Label}\", {table.ColumnName(closing)}";
        foreach (var row in rows)
        {
            ctx.Tally.Checked(RelationKind.Footing, fitting.Contains(row), $"{Where(row)}: {row[closing]!.Text} against {row[opening]!.Text} rolled forward ({Rolled(row)})", table);
        }

        foreach (var row in rows.Except(fitting))
        {
            var fig = row[closing]!;
            var rolled = Rolled(row);
            yield return new Diagnostic(FindingCodes.CrossFootFails, Severity.Error, ctx.At(fig),
                $"{Where(row)} is {fig.Text}, but {row[opening]!.Text} at the beginning, plus the increases and less the decreases beside it, is {VerifyContext.Show(rolled.Mid, fig)}.")
            { Expected = Compared.Of(VerifyContext.Show(rolled.Mid, fig), rolled), Actual = Compared.Of(fig), Subject = VerifyContext.SubjectOf(table, row) };
        }
    }

    /// <summary>A column most of whose figures are percentages.</summary>
    private static bool IsPercentColumn(TableModel table, int column)
    {
        var figures = table.Rows.Select(r => r[column]).OfType<Figure>().Where(f => !f.IsDash).ToList();
        return figures.Count > 0 && figures.Count(f => f.IsPercent) * 2 > figures.Count;
    }

    /// <summary>
    /// Which of the columns to the left a total column adds up: all of them, or (a statement of equity with share
    /// counts beside the amounts) the subset most rows add up to; the larger set wins a tie.
    /// </summary>
    private static (List<int> Parts, List<TableRow> Fitting) BestParts(List<TableRow> rows, List<int> candidates, int total)
    {
        var best = (Parts: candidates, Fitting: rows.Where(r => Fits(r, candidates, total)).ToList());
        if (candidates.Count > 10 || best.Fitting.Count == rows.Count)
        {
            return best;
        }

        for (var mask = (1 << candidates.Count) - 1; mask > 0; mask--)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) < 2)
            {
                continue;
            }

            var parts = candidates.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            var fitting = rows.Where(r => Fits(r, parts, total)).ToList();
            if (fitting.Count > best.Fitting.Count)
            {
                best = (parts, fitting);
            }
        }

        return best;
    }

    /// <summary>Margins, rates and percentages do not add across columns.</summary>
    private static bool IsRatio(TableRow row) => row.NamesARate || row.Cells.Any(f => f is { IsPercent: true });

    private static Interval Sum(TableRow row, List<int> parts) =>
        parts.Select(p => row[p]).OfType<Figure>().Aggregate(Interval.Exact(0), (acc, f) => acc + f.Range);

    private static bool Fits(TableRow row, List<int> parts, int total) => Sum(row, parts).Overlaps(row[total]!.Range);
}
