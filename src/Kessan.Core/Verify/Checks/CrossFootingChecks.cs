using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Cross-footing: a "Total" column is the sum of the value columns to its left ("Less than 1 year | 2–5 years |
/// Total"). A column is taken to be such a total only when most rows add up; the rows that then do not are errors.
/// </summary>
public static class CrossFootingChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            foreach (var total in table.ValueColumns.Where(IsTotalColumn))
            {
                // The columns to its left, earlier totals included, of which the figures choose: a statement of changes
                // in equity has 資本金 … 自己株式 | 株主資本合計 | … | 純資産合計 (Total stockholders' equity |
                // Noncontrolling interests | Total equity).
                var candidates = table.ValueColumns.Where(c => c.Index < total.Index && c.Currency == total.Currency).Select(c => c.Index).ToList();
                if (candidates.Count < 2)
                {
                    continue;
                }

                var rows = table.Rows.Where(r => !r.IsSection && r.Unit == RowUnit.Amount && r[total.Index] is not null && candidates.Any(p => r[p] is not null) && !IsRatio(r)).ToList();
                var (parts, fitting) = BestParts(rows, candidates, total.Index);

                // The columns the total adds up are confirmed by the figures: most rows (and at least three) add up.
                if (parts.Count < 2 || fitting.Count < 3 || fitting.Count * 4 < rows.Count * 3)
                {
                    ctx.Tally.Skipped(RelationKind.Footing, "total column not confirmed", rows.Count);
                    continue;
                }

                foreach (var row in rows)
                {
                    ctx.Tally.Checked(RelationKind.Footing, fitting.Contains(row),
                        $"{VerifyContext.Where(table, row, total.Index)}: {row[total.Index]!.Text} against the columns to its left (sum {Sum(row, parts)})", table);
                }

                foreach (var row in rows.Except(fitting))
                {
                    var fig = row[total.Index]!;
                    var sum = Sum(row, parts);
                    yield return new Diagnostic(FindingCodes.CrossFootFails, Severity.Error, ctx.At(fig),
                        $"{VerifyContext.Where(table, row, total.Index)} is {fig.Text}, but the columns to its left add up to {VerifyContext.Show(sum.Mid, fig)}.") { Expected = Compared.Of(VerifyContext.Show(sum.Mid, fig), sum), Actual = Compared.Of(fig), Subject = VerifyContext.SubjectOf(table, row) };
                }
            }
        }
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

    /// <summary>A "Total …" column, or a Japanese one named …合計 (株主資本合計, 純資産合計).</summary>
    private static bool IsTotalColumn(ColumnInfo c) =>
        Labels.Clean(c.Header).StartsWith("total", StringComparison.OrdinalIgnoreCase) || Labels.Clean(c.Header).EndsWith("合計", StringComparison.Ordinal);

    /// <summary>Margins, rates and percentages do not add across columns.</summary>
    private static bool IsRatio(TableRow row) =>
        row.Cells.Any(f => f is { IsPercent: true }) || row.Label.Contains('%') ||
        row.Tokens.Any(t => t is "margin" or "rate" or "ratio" or "percentage" or "percent" or "yield" or "average");

    private static Interval Sum(TableRow row, List<int> parts) =>
        parts.Select(p => row[p]).OfType<Figure>().Aggregate(Interval.Exact(0), (acc, f) => acc + f.Range);

    private static bool Fits(TableRow row, List<int> parts, int total) => Sum(row, parts).Overlaps(row[total]!.Range);
}
