using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Footing: a "Total ..." (or "Net cash ...") row must equal the sum of the rows it totals. Which rows those are is
/// found by walking up from the total (a nested subtotal stands for its own items) and taking the first run of rows
/// that adds up in every column; rounding is allowed for through intervals. A column that does not foot while the
/// others do is an error.
/// </summary>
public static partial class FootingChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            foreach (var f in CheckTable(ctx, table))
            {
                yield return f;
            }
        }
    }

    internal static bool Fits(TableModel table, IReadOnlyList<TableRow> items, TableRow total, int column, IReadOnlyList<int>? signs = null)
    {
        var t = total[column];
        if (t is null)
        {
            return true;
        }

        var sum = Interval.Exact(0);
        var any = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i][column] is { } f)
            {
                any = true;
                var r = f.Range;
                var sign = (signs is not null && signs[i] < 0 ? -1 : 1) * (IsDeduction(items[i], f) ? -1 : 1);
                sum += sign < 0 ? -r : r;
            }
        }

        return (any || t.IsDash) && sum.Overlaps(t.Range);
    }

    internal static Interval Sum(IReadOnlyList<TableRow> items, int column, IReadOnlyList<int>? signs = null)
    {
        var sum = Interval.Exact(0);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i][column] is { } f)
            {
                var sign = (signs is not null && signs[i] < 0 ? -1 : 1) * (IsDeduction(items[i], f) ? -1 : 1);
                sum += sign < 0 ? -f.Range : f.Range;
            }
        }

        return sum;
    }

    /// <summary>"Less: imputed interest 9" (or 9 under a heading "Less:") is subtracted; a deduction already shown negative is added as shown.</summary>
    private static bool IsDeduction(TableRow row, Figure f) => f.Value > 0 && (row.Deducted || row.Label.StartsWith("less", StringComparison.OrdinalIgnoreCase));

    /// <summary>Averages, prices, rates and ratios do not add up (平均利率, 比率, １株当たり …).</summary>
    private static bool IsAdditive(ColumnInfo c) =>
        c.Kind == ColumnKind.PercentOfTotal || !NotAdditiveHeader().IsMatch(c.Header);

    /// <summary>A column printing one figure on every row ("(3)", a footnote reference) holds no amounts.</summary>
    private static bool IsMarkerColumn(IReadOnlyList<TableRow> rows, int column)
    {
        // Asked for every total and column: counted in place.
        var count = 0;
        var first = 0m;
        foreach (var row in rows)
        {
            if (row[column] is not { IsDash: false } figure)
            {
                continue;
            }

            if (count++ == 0)
            {
                first = figure.Value;
            }
            else if (figure.Value != first)
            {
                return false;
            }
        }

        return count >= 3;
    }

    /// <summary>A total row, the rows it was found to total, and in how many of its columns they add up.</summary>
    public sealed record TotalStructure(TableRow Total, IReadOnlyList<TableRow> Items, IReadOnlyList<int> Columns, int FittingColumns);

    /// <summary>Which rows each total of a table totals (the first run of rows above it that adds up in every column, else the best).</summary>
    public static IReadOnlyList<TotalStructure> Structure(TableModel table) => StructureCache.GetValue(table, Infer);

    /// <summary>A table's structure is asked for by several checks; it is worked out once per table.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TableModel, IReadOnlyList<TotalStructure>> StructureCache = [];

    private static IReadOnlyList<TotalStructure> Infer(TableModel table)
    {
        var result = new List<TotalStructure>();
        var rows = table.Rows;
        var starts = new int?[rows.Count];
        var columns = table.Columns.Where(c => c.Kind is ColumnKind.Value or ColumnKind.PercentOfTotal && IsAdditive(c)).Select(c => c.Index).ToList();
        for (var t = 0; t < rows.Count; t++)
        {
            var total = rows[t];
            if (total.IsSection || !(total.IsTotal || IsNetOfOperations(rows, t)) || total.Unit != RowUnit.Amount)
            {
                continue;
            }

            // A row repeated as the start of the next block ("Total costs" closing one reconciliation and opening the next) totals nothing.
            if (t > 0 && rows[t - 1].Label == total.Label && columns.All(c => rows[t - 1][c]?.Value == total[c]?.Value))
            {
                continue;
            }

            var cols = columns.Where(c => total[c] is not null && !IsMarkerColumn(rows, c)).ToList();
            if (cols.Count == 0)
            {
                continue;
            }

            var candidates = WalkUp(rows, starts, t);
            if (candidates.Count == 0)
            {
                result.Add(new TotalStructure(total, [], cols, 0));
                continue;
            }

            Run? chosen = null;
            var bestFits = -1;
            foreach (var cand in candidates)
            {
                var items = cand.Items.Select(i => rows[i]).Where(r => !IsRateRow(r, total, cols)).ToList();
                var fits = cols.Count(c => Fits(table, items, total, c));

                // A run found past a heading must show it adds up in a column with figures, not only in one of dashes.
                var telling = cand.PastHeading ? cols.Count(c => Fits(table, items, total, c) && !Empty(items, total, c)) : fits;
                if (fits == cols.Count && telling > 0)
                {
                    chosen = cand;
                    bestFits = fits;
                    break;
                }

                if (cand.PastHeading ? telling > bestFits : fits >= bestFits)
                {
                    bestFits = telling;
                    chosen = cand;
                }
            }

            // Only a total whose rows the figures confirm stands for its items in the walk up from a later total.
            if (Confirmed(bestFits, cols.Count))
            {
                starts[t] = chosen!.Reach;
            }

            result.Add(new TotalStructure(total, chosen!.Items.Select(i => rows[i]).Where(r => !IsRateRow(r, total, cols)).OrderBy(r => r.Index).ToList(), cols, bestFits));
        }

        return result;
    }

    /// <summary>
    /// "Net income" just below income (or earnings per share) from continuing operations and from discontinued
    /// operations is their sum, though its label does not say "total": the rows between the two and it, back to the
    /// section's heading, are its items (the figures still have to confirm which).
    /// </summary>
    private static bool IsNetOfOperations(IReadOnlyList<TableRow> rows, int t)
    {
        var label = Labels.Clean(rows[t].Label).ToLowerInvariant();
        if (!NetIncomeLabel().IsMatch(label))
        {
            return false;
        }

        bool continuing = false, discontinued = false;
        for (var i = t - 1; i >= 0 && !rows[i].IsSection && !rows[i].IsTotal; i--)
        {
            var l = rows[i].Label.ToLowerInvariant();
            discontinued |= l.Contains("discontinued", StringComparison.Ordinal);
            continuing |= l.Contains("continuing", StringComparison.Ordinal) && !l.Contains("discontinued", StringComparison.Ordinal);
        }

        return continuing && discontinued;
    }

    /// <summary>
    /// A rate among amounts ("Effective income tax rate 34%", "Gross margin 41.2%") is never summed into an amount total:
    /// its label names a rate and its figures are percentages where the total's are not. A % of revenue row ("Subscription
    /// 98%") names no rate and is left as it is.
    /// </summary>
    private static bool IsRateRow(TableRow row, TableRow total, IReadOnlyList<int> cols) =>
        row.NamesARate && cols.Any(c => row[c] is { IsPercent: true }) &&
        cols.All(c => row[c] is not { } f || (f.IsPercent && total[c] is { IsPercent: false }));

    /// <summary>
    /// The total that a one-unit rounding adjustment of <paramref name="row"/> in <paramref name="column"/> makes foot
    /// exactly as printed (and that plain rounding to <paramref name="plain"/> would not); null if none.
    /// </summary>
    public static string? FootsBecauseOf(TableModel table, TableRow row, int column, decimal plain)
    {
        foreach (var s in Structure(table).Where(s => s.Items.Count > 0 && (s.Total == row || s.Items.Contains(row)) && s.Total[column] is not null))
        {
            decimal Printed(TableRow r, bool adjusted) =>
                r[column] is not { } f ? 0 : (r == row && !adjusted ? plain : f.Value) * (IsDeduction(r, f) ? -1 : 1);

            var asShown = s.Items.Sum(r => Printed(r, true)) == Printed(s.Total, true);
            var asPlain = s.Items.Sum(r => Printed(r, false)) == Printed(s.Total, false);
            if (asShown && !asPlain)
            {
                return s.Total.Label;
            }
        }

        return null;
    }

    private static IEnumerable<Diagnostic> CheckTable(VerifyContext ctx, TableModel table)
    {
        // A reconciliation's rows are signed and checked as one, from its first row (ReconciliationChecks); a "Total" row
        // of a block printed below them (a summary of stock-based compensation by line) is footed like any other.
        var first = table.Rows.FirstOrDefault(r => !r.IsSection);
        foreach (var s in Structure(table).Where(s => !table.IsReconciliation
                     || (Labels.Clean(s.Total.Label).StartsWith("total", StringComparison.OrdinalIgnoreCase) && s.Items.Count > 0 && s.Items.All(i => i.Index > first!.Index))))
        {
            var total = s.Total;
            var cols = s.Columns;
            var bestFits = s.FittingColumns;
            var chosenRows = s.Items;
            var confirmed = chosenRows.Count > 0 && Confirmed(bestFits, cols.Count);
            var asElsewhere = "";
            if (!confirmed && AsInAnotherTable(ctx, table, total) is { } printed)
            {
                // The same total over rows of the same labels adds up in another table of the release (a note for each
                // period): its figures confirm which rows this one totals.
                (chosenRows, confirmed, bestFits, asElsewhere) = (printed, true, cols.Count(c => Fits(table, printed, total, c)), ", as another table of the release has it");
            }

            if (confirmed)
            {
                foreach (var c in cols)
                {
                    var fits = Fits(table, chosenRows, total, c);
                    ctx.Tally.Checked(RelationKind.Footing, fits,
                        $"{VerifyContext.Where(table, total, c)}: {total[c]!.Text} against the {chosenRows.Count} rows \"{chosenRows[0].Label}\" to \"{chosenRows[^1].Label}\" (sum {Sum(chosenRows, c)})", table);
                }
            }
            else
            {
                ctx.Tally.Skipped(RelationKind.Footing, "rows it totals not found", cols.Count);
            }

            if (bestFits == cols.Count)
            {
                continue;
            }

            if (confirmed)
            {
                foreach (var c in cols.Where(c => !Fits(table, chosenRows, total, c)))
                {
                    yield return DoesNotFoot(ctx, table, total, c, VerifyContext.Where(table, total, c),
                        $"the {chosenRows.Count} rows it totals (\"{chosenRows[0].Label}\" to \"{chosenRows[^1].Label}\"{asElsewhere})", Sum(chosenRows, c));
                }
            }
            else if (!table.IsReconciliation && Labels.Clean(total.Label).StartsWith("total", StringComparison.OrdinalIgnoreCase) && total.Index > 0 && table.Rows[0] != total)
            {
                // At the row's first figure: its column tells the row apart where a filing holds its body on one line.
                yield return new Diagnostic(FindingCodes.TotalWithoutItems, Severity.Warning, total.Cells.FirstOrDefault(f => f is not null) is { } figure ? ctx.At(figure) : ctx.At(total),
                    $"Could not find the rows that \"{total.Label}\" in {VerifyContext.Short(table)} totals; it was not checked.");
            }
        }
    }

    /// <summary>Totals whose rows add up in every column, by the labels of the total and its rows, over all tables of a release.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<TableModel>, HashSet<string>> Layouts = [];

    private static string LayoutOf(TableRow total, IEnumerable<TableRow> items) =>
        string.Join('\u001f', items.Select(i => Labels.Clean(i.Label)).Append(Labels.Clean(total.Label)));

    /// <summary>
    /// The rows just above a total whose labels, with the total's, are those of a total that adds up in every column
    /// elsewhere in the release; null when there are none.
    /// </summary>
    private static List<TableRow>? AsInAnotherTable(VerifyContext ctx, TableModel table, TableRow total)
    {
        var layouts = Layouts.GetValue(ctx.Tables, tables => tables.Where(t => !t.IsReconciliation).SelectMany(Structure)
            .Where(s => s.Items.Count >= 2 && s.Columns.Count > 0 && s.FittingColumns == s.Columns.Count && s.Items.Any(i => s.Columns.Any(c => i[c] is { Value: not 0 })))
            .Select(s => LayoutOf(s.Total, s.Items)).ToHashSet());
        if (layouts.Count == 0)
        {
            return null;
        }

        var above = new List<TableRow>();
        var at = 0;
        while (at < table.Rows.Count && table.Rows[at].Index != total.Index)
        {
            at++;
        }

        for (var i = at - 1; i >= 0 && above.Count < MaxItems; i--)
        {
            if (table.Rows[i].IsSection)
            {
                continue;
            }

            above.Insert(0, table.Rows[i]);
            if (above.Count >= 2 && layouts.Contains(LayoutOf(total, above)))
            {
                return above;
            }
        }

        return null;
    }

    /// <summary>A total that is not the sum of the rows it totals: "<paramref name="where"/> is 9, but <paramref name="rows"/> add up to 7; …".</summary>
    internal static Diagnostic DoesNotFoot(VerifyContext ctx, TableModel table, TableRow total, int column, string where, string rows, Interval sum)
    {
        var fig = total[column]!;
        return new Diagnostic(FindingCodes.TotalDoesNotFoot, Severity.Error, ctx.At(fig),
            $"{where} is {fig.Text}, but {rows} add up to {VerifyContext.Show(sum.Mid, fig)}; no rounding explains a difference of " +
            $"{VerifyContext.Show(Math.Abs(sum.Mid - fig.Value), fig)}.") { Expected = Compared.Of(VerifyContext.Show(sum.Mid, fig), sum), Actual = Compared.Of(fig), Subject = VerifyContext.SubjectOf(table, total) };
    }

    /// <summary>No real total adds up more rows than this; the limit keeps absurd inputs fast.</summary>
    private const int MaxItems = 80;

    /// <summary>A total is checked when its rows add up in all its columns or in at least half of them (two or more).</summary>
    private static bool Confirmed(int fits, int columns) => fits == columns || (fits >= 1 && columns >= 2 && fits * 2 >= columns);

    /// <summary>A column where the total and all its rows are dashes or blank says nothing about which rows they are.</summary>
    private static bool Empty(IReadOnlyList<TableRow> items, TableRow total, int column) =>
        total[column] is not { Value: not 0 } && items.All(r => r[column] is not { Value: not 0 });

    /// <summary>
    /// Rows a total may add up: their indexes, the first row reached (a nested subtotal's own first item) and whether
    /// the run was found past a heading, as a single row under a heading or as the subtotals just above the total.
    /// </summary>
    private sealed record Run(List<int> Items, int Reach, bool PastHeading);

    /// <summary>
    /// Runs of rows above a total, shortest first; a subtotal already resolved stands for its items. The rows up to the
    /// first heading come first; then, as statements put headings inside what a total adds up ("Adjustments to
    /// reconcile net income ...:", "Long-term liabilities"), the walk goes on past headings, offering only runs that
    /// end on a block's edge: under a heading, after a total, at the top, on a subtotal standing for its items, or on the
    /// row just above a heading ("Net income").
    /// Last come the subtotals alone, when the total follows one ("Total liabilities and equity" after "Total equity").
    /// </summary>
    private static List<Run> WalkUp(IReadOnlyList<TableRow> rows, int?[] starts, int t)
    {
        var result = new List<Run>();
        var items = new List<int>();
        var totals = new List<int>();
        var pastHeading = false;
        var underHeading = false;
        var i = t - 1;
        while (i >= 0 && items.Count < MaxItems)
        {
            var row = rows[i];
            if (row.IsSection)
            {
                pastHeading = true;
                underHeading = true;
                i--;
                continue;
            }

            items.Add(i);
            var reach = i;
            var resolved = row.IsTotal && starts[i] is not null;
            if (row.IsTotal)
            {
                totals.Add(i);
            }

            if (resolved && starts[i] is { } s)
            {
                reach = s;
                var j = s - 1;
                if (j >= 0 && rows[j].IsSection)
                {
                    j--;
                }

                i = j;
            }
            else
            {
                i--;
            }

            var edge = resolved || i < 0 || rows[i].IsSection || rows[i].IsTotal;
            if (!pastHeading && items.Count >= 2)
            {
                result.Add(new Run([.. items], reach, false));
            }
            else if (edge || underHeading)
            {
                result.Add(new Run([.. items], reach, true));
            }

            underHeading = false;
        }

        if (t > 0 && rows[t - 1].IsTotal && !rows[t - 1].IsSection && totals.Count >= 2 && totals.Count < items.Count)
        {
            for (var k = 2; k <= totals.Count; k++)
            {
                result.Add(new Run(totals.GetRange(0, k), starts[totals[k - 1]] ?? totals[k - 1], true));
            }
        }

        return result;
    }

    [GeneratedRegex(@"average|\bavg\b|price|per share|per unit|\brate\b|ratio|margin|yield|%|％|率|平均|単価|[1１]株当たり", RegexOptions.IgnoreCase)]
    private static partial Regex NotAdditiveHeader();

    [GeneratedRegex(@"^net (\(?loss\)? ?)?(income|earnings|loss)\b")]
    private static partial Regex NetIncomeLabel();
}

/// <summary>
/// Reconciliations (a non-GAAP measure to a GAAP one, CAPEX to cash paid): rows are signed and add up, through any
/// intermediate subtotal, to the last row. When reversing the sign of one row would make every column foot, that
/// row is reported as having the wrong sign.
/// </summary>
public static class ReconciliationChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables.Where(t => t.IsReconciliation))
        {
            foreach (var f in CheckTable(ctx, table))
            {
                yield return f;
            }
        }
    }

    private static IEnumerable<Diagnostic> CheckTable(VerifyContext ctx, TableModel table)
    {
        var data = table.Rows.Where(r => !r.IsSection && r.Unit == RowUnit.Amount).ToList();
        if (data.Count < 3)
        {
            yield break;
        }

        var cols = table.ValueColumns.Select(c => c.Index).Where(c => data[^1][c] is not null).ToList();
        if (cols.Count == 0)
        {
            yield break;
        }

        var segStart = 0;
        for (var k = 2; k < data.Count - 1; k++)
        {
            // A row that starts from a GAAP measure ("GAAP net income") begins a new block of the reconciliation.
            if (k > segStart && data[k].Label.StartsWith("GAAP ", StringComparison.Ordinal))
            {
                segStart = k;
                continue;
            }

            if (k - segStart < 2)
            {
                continue;
            }

            var items = data.GetRange(segStart, k - segStart);
            var fits = cols.Count(c => FootingChecks.Fits(table, items, data[k], c));
            if (fits == cols.Count || (cols.Count >= 2 && fits * 2 > cols.Count))
            {
                Tick(ctx, table, items, data[k], cols);
                foreach (var c in cols.Where(c => !FootingChecks.Fits(table, items, data[k], c)))
                {
                    yield return NotFooting(ctx, table, items, data[k], c);
                }

                segStart = k;
            }
        }

        var parts = data.GetRange(segStart, data.Count - 1 - segStart);
        var last = data[^1];
        IReadOnlyList<int>? convention = null;
        var failing = cols.Where(c => !FootingChecks.Fits(table, parts, last, c)).ToList();
        if (failing.Count == 0)
        {
            Tick(ctx, table, parts, last, cols);
            yield break;
        }

        {
            // Unsigned rows: the first less the others ("Capital expenditures" less leases = cash paid).
            var firstMinusRest = parts.Select((_, i) => i == 0 ? 1 : -1).ToList();
            var failingMinus = cols.Where(c => !FootingChecks.Fits(table, parts, last, c, firstMinusRest)).ToList();
            if (failingMinus.Count == 0)
            {
                Tick(ctx, table, parts, last, cols, firstMinusRest);
                yield break;
            }

            if (failingMinus.Count < failing.Count)
            {
                (failing, convention) = (failingMinus, firstMinusRest);
            }
        }

        // Does reversing one row's sign make it foot?
        for (var k = 0; k < parts.Count; k++)
        {
            var signs = parts.Select((_, i) => i == k ? -1 : 1).ToList();
            if (cols.All(c => FootingChecks.Fits(table, parts, last, c, signs)) && failing.All(c => parts[k][c] is { Value: not 0 }))
            {
                Tick(ctx, table, parts, last, cols, convention, failing);
                var row = parts[k];
                var shown = string.Join(", ", failing.Select(c => row[c]!.Text));
                var expected = string.Join(", ", failing.Select(c => Figure.Format(-row[c]!.Value, row[c]!.Decimals)));
                var how = failing.Count == cols.Count ? (cols.Count == 1 ? "" : cols.Count == 2 ? " in both columns" : $" in all {Words(cols.Count)} columns") : $" in {table.ColumnName(failing[0])}";
                yield return new Diagnostic(FindingCodes.WrongSign, Severity.Error, ctx.At(row[failing[0]]!),
                    $"\"{row.Label}\" in {VerifyContext.Short(table)} has the wrong sign{how} ({shown}), so the reconciliation to \"{last.Label}\" does not foot; " +
                    $"with the opposite sign ({expected}) every column foots.") { Expected = ComparedValue.Words(expected), Actual = ComparedValue.Words(shown), Subject = VerifyContext.SubjectOf(table, row) };
                yield break;
            }
        }

        // The reconciliation's rows are confirmed by the figures only if some column foots.
        if (failing.Count == cols.Count)
        {
            ctx.Tally.Skipped(RelationKind.Footing, "reconciliation not confirmed by any column", cols.Count);
            yield break;
        }

        Tick(ctx, table, parts, last, cols, convention, failing);
        foreach (var c in failing)
        {
            yield return NotFooting(ctx, table, parts, last, c, convention);
        }
    }

    private static void Tick(VerifyContext ctx, TableModel table, List<TableRow> items, TableRow total, List<int> cols, IReadOnlyList<int>? signs = null, List<int>? failing = null)
    {
        foreach (var c in cols)
        {
            ctx.Tally.Checked(RelationKind.Footing, failing is null || !failing.Contains(c),
                $"{VerifyContext.Where(table, total, c)}: {total[c]!.Text} against the reconciliation \"{items[0].Label}\" to \"{items[^1].Label}\" (sum {FootingChecks.Sum(items, c, signs)})", table);
        }
    }

    private static Diagnostic NotFooting(VerifyContext ctx, TableModel table, List<TableRow> items, TableRow total, int c, IReadOnlyList<int>? signs = null)
    {
        var fig = total[c]!;
        var sum = FootingChecks.Sum(items, c, signs);
        return new Diagnostic(FindingCodes.ReconciliationDoesNotFoot, Severity.Error, ctx.At(fig),
            $"The reconciliation in {VerifyContext.Short(table)} does not foot in {table.ColumnName(c)}: \"{items[0].Label}\" to \"{items[^1].Label}\" add up to " +
            $"{VerifyContext.Show(sum.Mid, fig)}, but \"{total.Label}\" is {fig.Text}.") { Expected = Compared.Of(VerifyContext.Show(sum.Mid, fig), sum), Actual = Compared.Of(fig), Subject = VerifyContext.SubjectOf(table, total) };
    }

    internal static string Words(int n) => n switch
    {
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
