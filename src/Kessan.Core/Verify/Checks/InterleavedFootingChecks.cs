using Kessan.Diagnostics;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Footing of a table whose rows come in groups: each segment's row followed by unlabelled rows for the earlier years
/// ("Beauty 2025 …" then " 2024 …"), closed by a "Total" group laid out the same way. Each row of the total group is
/// the sum of the rows in the same place of the groups above it. The layout is taken only when most figures of the
/// total group add up that way; a figure that then does not is an error.
/// </summary>
public static class InterleavedFootingChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables.Where(t => !t.IsReconciliation))
        {
            var rows = table.Rows;
            for (var t = 0; t < rows.Count; t++)
            {
                if (!rows[t].IsTotal || rows[t].IsSection || rows[t].Unit != RowUnit.Amount)
                {
                    continue;
                }

                // The unlabelled rows right after the total give the size of a group.
                var stride = 1;
                while (t + stride < rows.Count && rows[t + stride] is { IsSection: false, Label.Length: 0 })
                {
                    stride++;
                }

                if (stride < 2)
                {
                    continue;
                }

                var groups = new List<int>();
                for (var g = t - stride; g >= 0 && IsGroup(rows, g, stride); g -= stride)
                {
                    groups.Add(g);
                }

                if (groups.Count < 2)
                {
                    continue;
                }

                foreach (var d in CheckGroups(ctx, table, t, stride, groups))
                {
                    yield return d;
                }
            }
        }
    }

    /// <summary>A labelled row followed by unlabelled rows, all with figures.</summary>
    private static bool IsGroup(IReadOnlyList<TableRow> rows, int start, int stride) =>
        rows[start] is { IsSection: false, IsTotal: false, Unit: RowUnit.Amount } first && first.Label.Length > 0
        && Enumerable.Range(start + 1, stride - 1).All(i => rows[i] is { IsSection: false, Label.Length: 0 });

    private static IEnumerable<Diagnostic> CheckGroups(VerifyContext ctx, TableModel table, int t, int stride, List<int> groups)
    {
        var rows = table.Rows;
        var columns = table.ValueColumns.Select(c => c.Index).Where(c => !HoldsYears(table, c)).ToList();
        var cells = new List<(TableRow Total, List<TableRow> Items, int Column, bool Fits)>();
        for (var o = 0; o < stride; o++)
        {
            var total = rows[t + o];
            var items = groups.Select(g => rows[g + o]).ToList();
            foreach (var c in columns.Where(c => total[c] is not null && items.Any(i => i[c] is not null)))
            {
                cells.Add((total, items, c, FootingChecks.Fits(table, items, total, c)));
            }
        }

        var fitting = cells.Count(x => x.Fits);
        if (!VerifyContext.ShownByMost(fitting, cells.Count))
        {
            ctx.Tally.Skipped(RelationKind.Footing, "rows it totals not found", cells.Count);
            yield break;
        }

        var first = rows[groups[^1]].Label;
        var last = rows[groups[0]].Label;
        foreach (var (total, items, c, fits) in cells)
        {
            var where = total.Label.Length > 0 ? VerifyContext.Where(table, total, c) : $"{VerifyContext.Short(table)}, the row under \"{rows[t].Label}\", {table.ColumnName(c)}";
            var sum = FootingChecks.Sum(items, c);
            ctx.Tally.Checked(RelationKind.Footing, fits,
                $"{where}: {total[c]!.Text} against the {items.Count} rows in the same place of the groups above it (sum {sum})", table);
            if (!fits)
            {
                yield return FootingChecks.DoesNotFoot(ctx, table, total, c, where, $"the {items.Count} rows it totals (those in the same place of the groups \"{first}\" to \"{last}\")", sum);
            }
        }
    }

    /// <summary>A column of years ("2025", "2024") labels the rows of a group; it holds no amounts.</summary>
    private static bool HoldsYears(TableModel table, int column)
    {
        var figures = table.Rows.Select(r => r[column]).OfType<Figure>().Where(f => !f.IsDash).ToList();
        return figures.Count > 0 && figures.All(f => FigureParser.LooksLikeYear(f.Text));
    }
}
