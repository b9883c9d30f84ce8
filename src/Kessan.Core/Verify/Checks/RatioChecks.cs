using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// A ratio row ("Net Debt-to-Equity Ratio (times)", "Price to Book-Value Ratio", "Dividend payout ratio 24.1%", "Gross
/// margin %") is one row of its table divided by another in every column. Nothing in the labels says which two rows,
/// so the pair is read from the figures: it is taken when most of the columns show it with at least three different
/// ratios (a ratio that never moves proves nothing), and the columns where it then does not hold are errors.
/// </summary>
public static class RatioChecks
{
    /// <summary>What a ratio left unexplained by one column may be instead: the same quotient annualised.</summary>
    private static readonly decimal[] Annualised = [2m, 4m, 4m / 3m, 12m];

    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            var columns = table.ValueColumns.Select(c => c.Index).ToList();
            if (columns.Count < 3)
            {
                continue;
            }

            var rows = table.Rows.Where(r => !r.IsSection).ToList();
            foreach (var ratio in rows.Where(r => IsRatio(r, columns) && !LetteredRowChecks.IsLetteredRate(table, r)))
            {
                foreach (var finding in Check(ctx, table, ratio, rows, columns))
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>A row whose label names a ratio, margin or rate and whose figures are ratios or percentages, not amounts.</summary>
    private static bool IsRatio(TableRow row, List<int> columns)
    {
        if (!row.NamesARate && !row.Tokens.Any(t => t is "times" or "x" or "multiple"))
        {
            return false;
        }

        var figures = columns.Select(c => row[c]).OfType<Figure>().Where(f => !f.IsDash).ToList();
        return figures.Count >= 3 && (figures.All(f => f.IsPercent) || figures.All(f => !f.IsPercent && f.Decimals > 0))
            && figures.Select(f => f.Value).Distinct().Count() >= 3;
    }

    private static IEnumerable<Diagnostic> Check(VerifyContext ctx, TableModel table, TableRow ratio, List<TableRow> rows, List<int> columns)
    {
        var operands = rows.Where(r => r != ratio && !r.NamesARate && columns.Count(c => r[c] is { IsDash: false, IsPercent: false }) >= 3).ToList();
        // A return on equity or assets divides by the average of the year's opening and closing balances.
        bool[] averaging = ratio.Tokens.Any(t => t is "return" or "average" or "avg" or "roe" or "roa" or "roic") ? [false, true] : [false];
        var confirmed = new List<Pair>();
        foreach (var over in operands)
        {
            foreach (var under in operands.Where(u => u != over))
            {
                foreach (var averaged in averaging)
                {
                    var pair = new Pair(over, under, averaged, []);
                    var places = columns.Where(c => Operands(table, ratio, pair, c) is not null).ToList();
                    if (places.Count < 3)
                    {
                        continue;
                    }

                    // Most pairs miss at once: stop counting when too many columns miss for the pair to be shown by most.
                    var allowedMisses = places.Count - ((places.Count * 3) + 3) / 4;
                    var holding = new List<int>();
                    foreach (var c in places)
                    {
                        if (Holds(table, ratio, pair, c))
                        {
                            holding.Add(c);
                        }
                        else if (--allowedMisses < 0)
                        {
                            break;
                        }
                    }

                    if (VerifyContext.ShownByMost(holding.Count, places.Count) && holding.Select(c => ratio[c]!.Value).Distinct().Count() >= 3)
                    {
                        confirmed.Add(pair with { Places = places });
                    }
                }
            }
        }

        if (confirmed.Count == 0)
        {
            ctx.Tally.Skipped(RelationKind.Ratio, "no two rows whose quotient it is", columns.Count(c => ratio[c] is { IsDash: false }));
            yield break;
        }

        // A pair that misses a column by less than the ratio's last printed digit is an approximation (price to book
        // from market capitalisation, which counts shares differently from book value per share): where a pair
        // without such near misses exists, the approximations step aside. Where several pairs remain (basic and
        // diluted earnings per share under a P/E), a column is wrong only when none of them gives it.
        var exact = confirmed.Where(p => !p.Places.Any(c => Miss(table, ratio, p, c) is { } m && m > 0 && m <= ratio[c]!.Unit)).ToList();
        confirmed = exact.Count > 0 ? exact : confirmed;
        var best = confirmed.MaxBy(p => p.Places.Count(c => Holds(table, ratio, p, c)))!;
        foreach (var c in confirmed.SelectMany(p => p.Places).Distinct().Order())
        {
            var holds = confirmed.Any(p => p.Places.Contains(c) && Holds(table, ratio, p, c));
            var r = ratio[c]!;
            var pair = best.Places.Contains(c) ? best : confirmed.First(p => p.Places.Contains(c));
            if (Quotient(table, ratio, pair, c) is not { } expected)
            {
                continue;
            }

            var what = Describe(table, pair, c);
            ctx.Tally.Checked(RelationKind.Ratio, holds, $"{VerifyContext.Where(table, ratio, c)}: {r.Text} against {what} ({expected})");
            if (holds || Annualised.Any(k => expected.Times(k).Overlaps(r.Range)))
            {
                continue;
            }

            var shown = VerifyContext.Show(expected.Mid, r);
            var severity = expected.DistanceTo(r.Range) <= r.Unit ? Severity.Warning : Severity.Error;
            yield return new Diagnostic(FindingCodes.RatioWrong, severity, ctx.At(r),
                $"{VerifyContext.Where(table, ratio, c)} is {r.Text}, but {what} is {shown}, as the other columns of the row have it.")
            { Expected = Compared.Of(shown, expected), Actual = Compared.Of(r), Subject = VerifyContext.SubjectOf(table, ratio) };
        }
    }

    /// <summary>Two rows of a table, one over the other (over the average of this period's and the year before's).</summary>
    private sealed record Pair(TableRow Over, TableRow Under, bool Averaged, List<int> Places);

    private static string Describe(TableModel table, Pair p, int c) => p.Averaged && YearBefore(table, c) is { } prior
        ? $"\"{p.Over.Label}\" {p.Over[c]?.Text} over the average of \"{p.Under.Label}\" {p.Under[prior]?.Text} and {p.Under[c]?.Text}"
        : $"\"{p.Over.Label}\" {p.Over[c]?.Text} over \"{p.Under.Label}\" {p.Under[c]?.Text}";

    private static bool Holds(TableModel table, TableRow ratio, Pair pair, int column) => Miss(table, ratio, pair, column) == 0;

    /// <summary>How far the quotient falls outside what the printed ratio stands for (0 when it holds); null where a figure is missing.</summary>
    private static decimal? Miss(TableModel table, TableRow ratio, Pair pair, int column) =>
        Quotient(table, ratio, pair, column) is { } q ? q.DistanceTo(ratio[column]!.Range) : null;

    /// <summary>The pair's quotient in one column, as a percentage when the ratio is printed as one; null where a figure is missing.</summary>
    private static Interval? Quotient(TableModel table, TableRow ratio, Pair pair, int column) =>
        Operands(table, ratio, pair, column) is { } ops && (ops.Under.Lo != 0 || ops.Under.Hi != 0) && ops.Over.DividedBy(ops.Under) is { } q
            ? (ratio[column]!.IsPercent ? q.Times(100) : q)
            : null;

    /// <summary>The figures the pair divides in one column (the divisor averaged with the year before's), or null where one is missing.</summary>
    private static (Interval Over, Interval Under)? Operands(TableModel table, TableRow ratio, Pair pair, int column)
    {
        if (ratio[column] is not { IsDash: false } || pair.Over[column] is not { IsDash: false, IsPercent: false } a || pair.Under[column] is not { IsDash: false, IsPercent: false } b)
        {
            return null;
        }

        if (!pair.Averaged)
        {
            return (a.Range, b.Range);
        }

        return YearBefore(table, column) is { } prior && pair.Under[prior] is { IsDash: false, IsPercent: false } opening
            ? (a.Range, (b.Range + opening.Range).Times(0.5m))
            : null;
    }

    /// <summary>The value column of the same currency and length a year before this one ("FY March 2023" for "FY March 2024").</summary>
    private static int? YearBefore(TableModel table, int column)
    {
        var col = table.Columns[column];
        var prior = col.Period switch
        {
            ['Y', .. var y] when int.TryParse(y, out var year) => $"Y{year - 1}",
            [_, _, _, _, '-', _, _] p when int.TryParse(p[..4], out var year) => $"{year - 1}{p[4..]}",
            _ => null,
        };
        return prior is null ? null : table.ValueColumns.FirstOrDefault(v => v.Period == prior && (v.Currency == col.Currency || v.Currency is null || col.Currency is null) && v.Months == col.Months)?.Index;
    }
}
