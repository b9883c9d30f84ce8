using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Tie-outs: two tables that state the same measure (a summary table in millions and a statement in thousands,
/// or two summary tables) must agree in every period. Two rows are taken to state the same measure when their
/// labels are alike and most of their periods agree (possibly with opposite signs, as a cash flow statement shows
/// a loss added back); the periods that then disagree are errors, and a label whose stated sign convention
/// ("benefit (expense)" against "expense(benefit)") contradicts the signs shown is an error too.
/// </summary>
public static class TieOutChecks
{
    internal sealed record Series(TableModel Table, TableRow Row, Dictionary<string, (Figure Figure, int Column)> ByPeriod)
    {
        public decimal Scale => Table.ScaleOf(Row);

        public Interval Real(Figure f) => f.Range.Times(Scale);
    }

    private const int MaxRowsPerWord = 64;

    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        var pairs = LinkedPairs(ctx).ToList();
        var twinTables = TwinTables(pairs);
        var result = new List<Diagnostic>();
        var loose = new Dictionary<(TableModel, TableModel), List<Diagnostic>>();
        foreach (var (a, b) in pairs)
        {
            var twins = twinTables.Contains((a.Table, b.Table));
            var found = Compare(ctx, a, b, twins).ToList();
            if (twins && Link(a, b, false) is null)
            {
                // Linked only because the tables restate one another: kept aside until it is known how many rows disagree.
                var key = a.Table.Number <= b.Table.Number ? (a.Table, b.Table) : (b.Table, a.Table);
                (loose.TryGetValue(key, out var list) ? list : loose[key] = []).AddRange(found);
            }
            else
            {
                result.AddRange(found);
            }
        }

        // One wrong figure in a restating table is an error; several rows disagreeing with it are more likely a
        // different basis (a restated or adjusted period), which the figures alone cannot tell from errors.
        foreach (var found in loose.Values)
        {
            var errors = found.Count(d => d.Code == FindingCodes.TieOutMismatch);
            if (errors <= 1)
            {
                result.AddRange(found);
            }
            else
            {
                result.AddRange(found.Where(d => d.Code != FindingCodes.TieOutMismatch));
                ctx.Tally.Skipped(RelationKind.TieOut, "restating tables disagree in several rows", errors);
            }
        }

        return result;
    }

    /// <summary>
    /// Pairs of tables that restate one another: some row of the one has a twin in the other with the same label whose
    /// figures agree in every shared period (at least two). Within such tables a row whose label recurs exactly is taken
    /// for its twin even when only half of its periods agree, so one wrong figure out of two is still caught.
    /// </summary>
    private static HashSet<(TableModel, TableModel)> TwinTables(List<(Series A, Series B)> pairs)
    {
        var twins = new HashSet<(TableModel, TableModel)>();
        foreach (var (a, b) in pairs)
        {
            if (a.Row.Tokens.SequenceEqual(b.Row.Tokens) && Link(a, b, false) is { } link && link.Shared.Count >= 2 &&
                link.Shared.All(p => a.Real(a.ByPeriod[p].Figure).Overlaps(b.Real(b.ByPeriod[p].Figure).Times(link.Sign))))
            {
                twins.Add((a.Table, b.Table));
            }
        }

        return twins;
    }

    private static IEnumerable<Series> BuildSeries(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            var hasJpy = table.ValueColumns.Any(c => c.Currency == "JPY");
            var columns = table.ValueColumns.Where(c => c.Period is not null && (c.Currency ?? table.Currency) is not null && !(hasJpy && c.Currency == "USD")).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            foreach (var row in table.Rows.Where(r => !r.IsSection && r.Tokens.Count > 0))
            {
                var map = new Dictionary<string, (Figure, int)>();
                foreach (var c in columns)
                {
                    if (row[c.Index] is { } f && !map.ContainsKey(c.Period!))
                    {
                        map[c.Period!] = (f, c.Index);
                    }
                }

                if (map.Count > 0)
                {
                    yield return new Series(table, row, map);
                }
            }
        }
    }

    /// <summary>
    /// Whether two rows state the same measure — most of their shared periods agree, possibly with opposite signs —
    /// and with which sign; null when they do not.
    /// </summary>
    private static (int Sign, List<string> Shared, int Same)? Link(Series a, Series b, bool twinTables)
    {
        // Asked for every pair of rows sharing a word: the periods they share are listed only for a pair that links.
        int shared = 0, same = 0, flipped = 0;
        foreach (var (p, (figure, _)) in a.ByPeriod)
        {
            if (b.ByPeriod.TryGetValue(p, out var other))
            {
                var x = a.Real(figure);
                var y = b.Real(other.Figure);
                shared++;
                same += x.Overlaps(y) ? 1 : 0;
                flipped += x.Overlaps(-y) ? 1 : 0;
            }
        }

        if (shared == 0)
        {
            return null;
        }

        var sign = same >= flipped ? 1 : -1;
        var agreeing = Math.Max(same, flipped);
        var labelsEqual = a.Row.Tokens.SequenceEqual(b.Row.Tokens);
        var linked = (agreeing >= 2 && agreeing * 2 > shared) || (shared == 1 && agreeing == 1 && labelsEqual) ||
            (twinTables && labelsEqual && shared >= 2 && agreeing >= 1 && agreeing * 2 >= shared);
        return linked ? (sign, a.ByPeriod.Keys.Where(b.ByPeriod.ContainsKey).ToList(), same) : null;
    }

    /// <summary>
    /// What each figure can be once its twin in another table is taken into account: a figure shown in millions that a
    /// statement states in thousands stands for the thousands' narrower range (Table 6's 91 is 90,780 thousand, so a
    /// percent change computed from it is checked against 90.780, not against anything from 90.5 to 91.5). A figure one
    /// unit off its more precise twin (a rounding adjustment: Table 6's 97 for 96,098 thousand) stands for the twin's
    /// value. Twins further apart do not narrow each other; that disagreement is the tie-out's own finding.
    /// </summary>
    public static IReadOnlyDictionary<Figure, Interval> Refinements(VerifyContext ctx)
    {
        var refined = new Dictionary<Figure, Interval>(ReferenceEqualityComparer.Instance);
        foreach (var (a, b) in LinkedPairs(ctx))
        {
            if (Link(a, b, false) is not { } link)
            {
                continue;
            }

            foreach (var p in link.Shared)
            {
                var fa = a.ByPeriod[p].Figure;
                var fb = b.ByPeriod[p].Figure;
                var x = a.Real(fa);
                var y = b.Real(fb).Times(link.Sign);
                if (fa.IsDash || fb.IsDash)
                {
                    continue;
                }

                if (!x.Overlaps(y))
                {
                    // A figure one unit off its more precise twin is a rounding adjustment: it stands for the twin's value.
                    if (a.Scale * fa.Unit > b.Scale * fb.Unit && x.DistanceTo(y) <= a.Scale * fa.Unit)
                    {
                        refined[fa] = y.Times(1 / a.Scale);
                    }
                    else if (b.Scale * fb.Unit > a.Scale * fa.Unit && x.DistanceTo(y) <= b.Scale * fb.Unit)
                    {
                        refined[fb] = x.Times(link.Sign).Times(1 / b.Scale);
                    }

                    continue;
                }

                var both = new Interval(Math.Max(x.Lo, y.Lo), Math.Min(x.Hi, y.Hi));
                Narrow(refined, fa, both.Times(1 / a.Scale));
                Narrow(refined, fb, both.Times(link.Sign).Times(1 / b.Scale));
            }
        }

        return refined;
    }

    private static void Narrow(Dictionary<Figure, Interval> refined, Figure figure, Interval range)
    {
        var current = refined.TryGetValue(figure, out var r) ? r : figure.Range;
        if (current.Overlaps(range))
        {
            refined[figure] = new Interval(Math.Max(current.Lo, range.Lo), Math.Min(current.Hi, range.Hi));
        }
    }

    /// <summary>Pairs of rows of different tables with alike labels and the same unit (candidates for a tie-out).</summary>
    private static IEnumerable<(Series A, Series B)> LinkedPairs(VerifyContext ctx)
    {
        var series = BuildSeries(ctx).ToList();
        var sets = series.Select(s => s.Row.Tokens.ToHashSet()).ToList();
        var byToken = new Dictionary<string, List<int>>();
        for (var i = 0; i < series.Count; i++)
        {
            foreach (var t in sets[i])
            {
                if (!byToken.TryGetValue(t, out var list))
                {
                    byToken[t] = list = [];
                }

                list.Add(i);
            }
        }

        // The rows after row i that share a word with it, each once and in order; seen[j] == i + 1 marks those found.
        var seen = new int[series.Count];
        var candidates = new List<int>();
        for (var i = 0; i < series.Count; i++)
        {
            candidates.Clear();
            foreach (var t in sets[i])
            {
                var rows = byToken[t];
                if (rows.Count <= MaxRowsPerWord)
                {
                    foreach (var j in rows)
                    {
                        if (j > i && seen[j] != i + 1)
                        {
                            seen[j] = i + 1;
                            candidates.Add(j);
                        }
                    }
                }
            }

            candidates.Sort();
            foreach (var j in candidates)
            {
                var a = series[i];
                var b = series[j];
                if (a.Table == b.Table || a.Row.Unit != b.Row.Unit)
                {
                    continue;
                }

                // At least half of the words of the two labels together are in both.
                var shared = 0;
                foreach (var t in sets[i])
                {
                    shared += sets[j].Contains(t) ? 1 : 0;
                }

                if (shared * 2 >= sets[i].Count + sets[j].Count - shared)
                {
                    yield return (a, b);
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> Compare(VerifyContext ctx, Series a, Series b, bool twinTables)
    {
        if (Link(a, b, twinTables) is not { } link)
        {
            yield break;
        }

        var (sign, shared, same) = link;

        // Blame the less precise table (the summary), or the later one when both are equally precise.
        var (coarse, fine) = a.Scale > b.Scale || (a.Scale == b.Scale && a.Table.Number > b.Table.Number) ? (a, b) : (b, a);
        var subject = VerifyContext.SubjectOf(coarse.Table, coarse.Row);

        var ca = Labels.SignConvention(coarse.Row.Label);
        var cb = Labels.SignConvention(fine.Row.Label);
        var allNonZero = shared.All(p => a.ByPeriod[p].Figure.Value != 0 && b.ByPeriod[p].Figure.Value != 0);
        if (ca is { } x1 && cb is { } y1 && allNonZero && (x1.Positive == y1.Negative && x1.Negative == y1.Positive) && sign == 1 && same == shared.Count)
        {
            var first = coarse.ByPeriod[shared[0]].Figure;
            var shown = string.Join(", ", shared.Select(p => coarse.ByPeriod[p].Figure.Text));
            yield return new Diagnostic(FindingCodes.SignConventionMismatch, Severity.Error, ctx.At(first),
                $"\"{coarse.Row.Label}\" in {VerifyContext.Short(coarse.Table)} shows {x1.Positive} as positive, but its figures ({shown}) carry the signs of " +
                $"\"{fine.Row.Label}\" in {VerifyContext.Short(fine.Table)}, where {y1.Positive} is positive: the sign is wrong in {(shared.Count == 1 ? "this column" : $"all {ReconciliationChecks.Words(shared.Count)} columns")}.") { Expected = ComparedValue.Words(string.Join(", ", shared.Select(p => Figure.Format(-coarse.ByPeriod[p].Figure.Value, coarse.ByPeriod[p].Figure.Decimals)))), Actual = ComparedValue.Words(shown), Subject = subject };
            yield break;
        }

        foreach (var p in shared)
        {
            var (cf, ccol) = coarse.ByPeriod[p];
            var (ff, _) = fine.ByPeriod[p];
            var expected = fine.Real(ff).Times(sign);
            var actual = coarse.Real(cf);
            ctx.Tally.Checked(RelationKind.TieOut, expected.DistanceTo(actual) <= cf.Unit * coarse.Scale,
                $"{VerifyContext.Where(coarse.Table, coarse.Row, ccol)}: {cf.Text} against \"{fine.Row.Label}\" in {VerifyContext.Short(fine.Table)} ({ff.Text})");
            if (expected.Overlaps(actual))
            {
                continue;
            }

            var expectedShown = VerifyContext.Show(expected.Mid / coarse.Scale, cf);
            var where = $"{VerifyContext.Where(coarse.Table, coarse.Row, ccol)}";
            var other = $"\"{fine.Row.Label}\" in {VerifyContext.Short(fine.Table)} ({ff.Text}{Scaled(fine)})";
            if (expected.DistanceTo(actual) <= cf.Unit * coarse.Scale)
            {
                yield return new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, ctx.At(cf),
                    $"{where} is {cf.Text} where {other} rounds to {expectedShown}: a rounding adjustment (usually made so the table foots).") { Expected = Compared.Of(expectedShown, expected.Times(1 / coarse.Scale)), Actual = Compared.Of(cf), Subject = subject };
            }
            else
            {
                yield return new Diagnostic(FindingCodes.TieOutMismatch, Severity.Error, ctx.At(cf),
                    $"{where} is {cf.Text}, but {other} gives {expectedShown}.") { Expected = Compared.Of(expectedShown, expected.Times(1 / coarse.Scale)), Actual = Compared.Of(cf), Subject = subject };
            }
        }
    }

    private static string Scaled(Series s) => s.Scale switch
    {
        1_000m => " in thousands",
        1_000_000m => " in millions",
        1_000_000_000m => " in billions",
        _ => "",
    };
}

/// <summary>
/// Statement-level identities: total assets = total liabilities and equity; cash at the beginning plus the net
/// change = cash at the end = cash on the balance sheet; the beginning of one quarter is the end of the previous.
/// </summary>
public static class StatementChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var f in Balance(ctx).Concat(Cash(ctx)))
        {
            yield return f;
        }
    }

    private static bool Is(TableRow r, params string[] tokens) => r.Tokens.SequenceEqual(tokens);

    private static IEnumerable<Diagnostic> Balance(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            var assets = table.Rows.FirstOrDefault(r => !r.IsSection && Is(r, "asset"));
            var equity = table.Rows.LastOrDefault(r => !r.IsSection && r.IsTotal && r.Tokens.Contains("liability") && r.Tokens.Contains("equity"));
            if (assets is null || equity is null)
            {
                continue;
            }

            foreach (var col in table.ValueColumns)
            {
                if (assets[col.Index] is { } a0 && equity[col.Index] is { } e0)
                {
                    ctx.Tally.Checked(RelationKind.Identity, a0.Range.Overlaps(e0.Range), $"balance sheet, {table.ColumnName(col.Index)}: total assets {a0.Text} against \"{equity.Label}\" {e0.Text}");
                }

                if (assets[col.Index] is { } a && equity[col.Index] is { } e && !a.Range.Overlaps(e.Range))
                {
                    yield return new Diagnostic(FindingCodes.BalanceSheetDoesNotBalance, Severity.Error, ctx.At(e),
                        $"The balance sheet does not balance in {table.ColumnName(col.Index)}: total assets are {a.Text} but \"{equity.Label}\" is {e.Text}.") { Expected = Compared.Of(a), Actual = Compared.Of(e), Subject = VerifyContext.SubjectOf(table, equity) };
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> Cash(VerifyContext ctx)
    {
        var balanceSheet = ctx.Tables.FirstOrDefault(t => t.Rows.Any(r => Is(r, "asset")));
        var bsCash = balanceSheet?.Rows.FirstOrDefault(r => !r.IsSection && r.Tokens.Count > 0 && r.Tokens[0] == "cash" && !r.Tokens.Contains("restricted") && !r.Tokens.Contains("flow") && r.Tokens.Count <= 4);
        foreach (var table in ctx.Tables)
        {
            var end = table.Rows.FirstOrDefault(r => !r.IsSection && r.Tokens.Contains("cash") && r.Tokens.Contains("end"));
            var begin = table.Rows.FirstOrDefault(r => !r.IsSection && r.Tokens.Contains("cash") && r.Tokens.Contains("beginning"));
            if (end is null || begin is null)
            {
                continue;
            }

            // The net change: the last "net change in cash" row above the beginning, with the rows between them
            // (exchange effects shown after it); or an earlier such row just above, with every row after it (the net
            // changes from continuing and from discontinued operations, shown apart). The figures choose: the reading
            // that rolls forward in the most columns, the last row's on a tie. In a table of several columns where no
            // reading rolls forward in any, the structure is not confirmed and nothing is asserted.
            int RollsForward(TableRow start) => table.ValueColumns.Count(c => Rolled(table, begin, start, c.Index) is { } x && end[c.Index] is { } e && x.Overlaps(e.Range));
            var starts = ChangeRows(table, begin);
            var change = starts.Count == 0 ? null : starts.MaxBy(RollsForward);
            var columns = change is null ? 0 : table.ValueColumns.Count(c => Rolled(table, begin, change, c.Index) is not null && end[c.Index] is not null);
            var confirmed = change is not null && (columns == 1 || RollsForward(change) > 0);
            if (change is not null && !confirmed)
            {
                ctx.Tally.Skipped(RelationKind.Identity, "cash roll-forward not confirmed by any column", columns);
            }

            foreach (var col in table.ValueColumns)
            {
                if (confirmed && Rolled(table, begin, change!, col.Index) is { } expected && begin[col.Index] is { } b && change![col.Index] is { } n && end[col.Index] is { } e)
                {
                    ctx.Tally.Checked(RelationKind.Identity, expected.Overlaps(e.Range), $"cash roll-forward, {table.ColumnName(col.Index)}: {b.Text} + {n.Text} against {e.Text}");
                    if (!expected.Overlaps(e.Range))
                    {
                        yield return new Diagnostic(FindingCodes.CashRollForward, Severity.Error, ctx.At(e),
                            $"Cash does not roll forward in {table.ColumnName(col.Index)}: {b.Text} at the beginning plus {n.Text} is {VerifyContext.Show(expected.Mid, e)}, but the end of the period shows {e.Text}.") { Expected = Compared.Of(VerifyContext.Show(expected.Mid, e), expected), Actual = Compared.Of(e), Subject = VerifyContext.SubjectOf(table, end) };
                    }
                }

                if (col.Period is null || col.Currency == "USD")
                {
                    continue;
                }

                // The end of this period is the balance sheet's cash on that date (unless the statement's cash includes
                // restricted cash, which the balance sheet shows elsewhere).
                if (bsCash is not null && balanceSheet is not null && !end.Tokens.Contains("restricted") && end[col.Index] is { } endFig &&
                    balanceSheet.ValueColumns.FirstOrDefault(c => c.Period == col.Period && c.Currency != "USD") is { } bsCol && bsCash[bsCol.Index] is { } bsFig)
                {
                    var x = VerifyContext.Real(table, end, endFig);
                    var y = VerifyContext.Real(balanceSheet, bsCash, bsFig);
                    ctx.Tally.Checked(RelationKind.Identity, x.Overlaps(y), $"cash at the end of {table.ColumnName(col.Index)}: {endFig.Text} against the balance sheet's {bsFig.Text}");
                    if (!x.Overlaps(y))
                    {
                        yield return new Diagnostic(FindingCodes.CashDoesNotTie, Severity.Error, ctx.At(endFig),
                            $"Cash at the end of the period ({endFig.Text}, {table.ColumnName(col.Index)}) is not the balance sheet's \"{bsCash.Label}\" on that date ({bsFig.Text}).") { Expected = Compared.Of(bsFig), Actual = Compared.Of(endFig), Subject = VerifyContext.SubjectOf(table, end) };
                    }
                }

                // The beginning of this quarter is the end of the previous quarter, where the release shows it.
                if (begin[col.Index] is { } beginFig && Periods3MonthsBefore(col.Period) is { } prev &&
                    table.ValueColumns.FirstOrDefault(c => c.Period == prev && c.Currency == col.Currency) is { } prevCol && end[prevCol.Index] is { } prevEnd &&
                    !beginFig.Range.Overlaps(prevEnd.Range))
                {
                    yield return new Diagnostic(FindingCodes.CashDoesNotTie, Severity.Error, ctx.At(beginFig),
                        $"Cash at the beginning of {table.ColumnName(col.Index)} ({beginFig.Text}) is not cash at the end of the previous quarter ({prevEnd.Text}).") { Expected = Compared.Of(prevEnd), Actual = Compared.Of(beginFig), Subject = VerifyContext.SubjectOf(table, begin) };
                }
            }
        }
    }

    private static string? Periods3MonthsBefore(string period) => FiscalConvention.Shift(period, 3);

    private static bool IsNetChange(TableRow r) => !r.IsSection && r.Tokens.Contains("cash") &&
        (r.Tokens.Contains("increase") || r.Tokens.Contains("decrease") || r.Tokens.Contains("change")) && r.Tokens.Count <= 7;

    /// <summary>The rows that may start a statement's net change in cash: the last one above the beginning, then earlier ones within six rows of it.</summary>
    private static List<TableRow> ChangeRows(TableModel table, TableRow begin)
    {
        var last = table.Rows.LastOrDefault(r => r.Index < begin.Index && IsNetChange(r));
        return last is null ? [] : [last, .. table.Rows.Where(r => r.Index < last.Index && r.Index >= begin.Index - 6 && IsNetChange(r)).Reverse()];
    }

    /// <summary>Cash at the beginning plus the net change from <paramref name="change"/> and every row after it up to the beginning; null without the figures.</summary>
    private static Interval? Rolled(TableModel table, TableRow begin, TableRow change, int column)
    {
        if (begin[column] is not { } b || change[column] is not { } n)
        {
            return null;
        }

        var expected = b.Range + n.Range;
        foreach (var between in table.Rows)
        {
            if (between.Index > change.Index && between.Index < begin.Index && !between.IsSection && between[column] is { } x)
            {
                expected += x.Range;
            }
        }

        return expected;
    }
}
