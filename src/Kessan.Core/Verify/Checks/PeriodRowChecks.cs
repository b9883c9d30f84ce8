using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Tables whose rows are periods and whose columns are measures, the layout of a Japanese 決算短信 summary (its form is
/// set by the exchange, so every listed company prints it): "2024年３月期 | 308,335 | 3.2 | 21,010 | △1.0" under
/// "売上高 百万円 | ％ | 営業利益 百万円 | ％".
/// <list type="bullet">
/// <item>A % column beside an amount (its heading only "％") is the change on the row of the period before: the same
/// part of the year a year earlier (対前年同四半期増減率, 対前期増減率), or the fiscal period six months earlier for a
/// REIT's half-year periods.</item>
/// <item>A ratio column named after another column of the table (株主資本比率 beside 株主資本) is that column over total
/// assets (総資産, 資産合計).</item>
/// <item>A total column (合計) of dividends per share is the sum of the quarter-end dividends to its left; a forecast row
/// (2023年３月期（予想）) completes the row of the same year paid so far.</item>
/// </list>
/// Each relation is taken only when the figures show it: for the % changes and totals, at least two places and most of
/// them hold; for a ratio, and for a total of columns named as quarter ends, its named operands and at least one row.
/// So another layout that happens to look alike is counted as not checked, never reported as an error. Japanese
/// percentages may be cut off rather than rounded (25.38 printed 25.3), which is taken as holding.
/// </summary>
public static partial class PeriodRowChecks
{
    /// <summary>A table whose rows are all periods, in document order.</summary>
    private sealed record PeriodTable(TableModel Table, List<(TableRow Row, RowPeriod Period)> Rows);

    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        var tables = new List<PeriodTable>();
        foreach (var table in ctx.Tables)
        {
            var rows = table.Rows.Where(r => !r.IsSection).Select(r => (Row: r, Period: RowPeriod.Parse(r.Label))).ToList();
            if (rows.Count > 0 && !rows.Any(r => r.Period is null && r.Row.Cells.Any(f => f is not null)))
            {
                tables.Add(new PeriodTable(table, rows.Where(r => r.Period is not null).Select(r => (r.Row, r.Period!)).ToList()));
            }
        }

        for (var i = 0; i < tables.Count; i++)
        {
            var (table, periods) = (tables[i].Table, tables[i].Rows);
            foreach (var d in Changes(ctx, tables, i).Concat(Ratios(ctx, table, periods)).Concat(DividendTotals(ctx, table, periods)))
            {
                yield return d;
            }
        }
    }

    /// <summary>The words of a heading that only give its unit (百万円, ％, 円 銭, 株), and the brackets around them.</summary>
    private static readonly HashSet<string> UnitWords = ["百万円", "千円", "億円", "円", "銭", "円銭", "％", "%", "(%)", "(％)", "株", "口", "千株", "百万ドル", "千ドル", "ドル", "$", "US$", "倍", "pts", "ポイント"];

    /// <summary>A heading without its unit words ("売上高 百万円" → "売上高", "％" → "").</summary>
    internal static string Measure(string header) =>
        string.Join(' ', RowPeriod.Narrow(header).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !UnitWords.Contains(w) && !UnitWords.Contains(w.Trim('(', ')'))));

    private static bool IsPercentHeading(string header) => RowPeriod.Narrow(header).Contains('%');

    /// <summary>The words that may head a change column beside its unit ("% change", "増減率 ％").</summary>
    private static readonly HashSet<string> ChangeWords = ["change", "chg", "chg.", "yoy", "growth", "増減率", "前年同期比", "前期比", "前年比"];

    /// <summary>The value columns of the table, in order.</summary>
    private static List<int> Values(TableModel table) => table.ValueColumns.Select(c => c.Index).ToList();

    /// <summary>% columns whose heading is only a unit, each with the amount column before it and that column's measure.</summary>
    private static IEnumerable<(int Percent, int Amount, string Measure)> ChangeColumns(TableModel table)
    {
        var values = Values(table);
        for (var i = 1; i < values.Count; i++)
        {
            var (p, a) = (values[i], values[i - 1]);
            var ph = table.Columns[p].Header;
            var ah = table.Columns[a].Header;
            var measure = Measure(ah);
            var own = Measure(ph);
            if (IsPercentHeading(ph) && !IsPercentHeading(ah) && measure.Length > 0 && (own.Length == 0 || own == measure || ChangeWords.Contains(own.ToLowerInvariant())))
            {
                yield return (p, a, measure);
            }
        }
    }

    /// <summary>One % change cell with the figures it compares.</summary>
    private sealed record Change(TableRow Row, TableRow BaseRow, TableModel BaseTable, int Column, string Measure, Figure P, Figure A, Figure B, Interval Ratio, Interval Alt)
    {
        public bool Holds => PeriodRowChecks.Holds(Ratio, P) || PeriodRowChecks.Holds(Alt, P);
    }

    /// <summary>
    /// The % changes of table <paramref name="index"/>: against the row of the period before in the same table, or,
    /// where the table does not print it (a forecast for the coming year, 通期, beside the year just reported), in the
    /// nearest table before it that prints the same measure. The two kinds are confirmed apart: the figures of each
    /// must show it.
    /// </summary>
    private static IEnumerable<Diagnostic> Changes(VerifyContext ctx, List<PeriodTable> tables, int index)
    {
        var (table, rows) = (tables[index].Table, tables[index].Rows);
        var columns = ChangeColumns(table).ToList();
        if (columns.Count == 0)
        {
            yield break;
        }

        var inTable = new List<Change>();
        var elsewhere = new List<Change>();
        int noBase = 0, noFigures = 0;
        foreach (var (row, period) in rows)
        {
            // The row of the period before; two candidates (a table printing a period twice) leave it unchecked.
            var before = Latest(rows.Where(r => period.Follows(r.Period) && r.Period.Forecast == period.Forecast));
            foreach (var (p, a, measure) in columns)
            {
                if (row[p] is not { IsDash: false } pf)
                {
                    continue;
                }

                var (baseRow, baseTable, baseColumn, bf) = before is [var b] ? (b.Row, table, a, b.Row[a]) : BaseElsewhere(tables, index, period, measure) ?? default;
                if (baseRow is null)
                {
                    noBase++;
                    continue;
                }

                if (row[a] is not { IsDash: false } af || bf is not { IsDash: false } || bf.Value == 0 ||
                    PercentChecks.ChangeRange(RangeOf(ctx, af, table.Columns[a].Header), RangeOf(ctx, bf, baseTable.Columns[baseColumn].Header)) is not { } ratio)
                {
                    noFigures++;
                    continue;
                }

                (baseTable == table ? inTable : elsewhere).Add(new Change(row, baseRow, baseTable, p, measure, pf, af, bf, ratio, bf.Value < 0 ? -ratio : ratio));
            }
        }

        ctx.Tally.Skipped(RelationKind.PercentChange, "the period before is not in the release", noBase);
        ctx.Tally.Skipped(RelationKind.PercentChange, "no figures to compare (a base of zero, a dash)", noFigures);
        foreach (var cases in new[] { inTable, elsewhere })
        {
            if (!PercentChecks.Confirmed(cases.Count(c => c.Holds), cases.Count))
            {
                ctx.Tally.Skipped(RelationKind.PercentChange, "column's pairing not confirmed by the figures", cases.Count);
                continue;
            }

            foreach (var c in cases)
            {
                var of = c.BaseTable == table ? $"\"{c.BaseRow.Label}\"" : $"\"{c.BaseRow.Label}\" in {VerifyContext.Short(c.BaseTable)}";
                ctx.Tally.Checked(RelationKind.PercentChange, c.Holds, $"{Where(table, c.Row, c.Measure)}: {c.P.Text} against {c.A.Text} and {c.B.Text} of {of} ({c.Ratio}%)");
                if (c.Holds)
                {
                    continue;
                }

                var expected = c.B.Value < 0 && c.Alt.DistanceTo(c.P.Range) < c.Ratio.DistanceTo(c.P.Range) ? c.Alt : c.Ratio;
                var what = $"{Where(table, c.Row, c.Measure)} is {c.P.Text}%, but {c.A.Text} against {c.B.Text} of {of} is a change of {VerifyContext.Show(expected.Mid, c.P)}%";
                yield return expected.DistanceTo(c.P.Range) <= c.P.Unit
                    ? new Diagnostic(FindingCodes.PercentChangeOffByOne, Severity.Warning, ctx.At(c.P), $"{what} (between {expected}%); one unit off.")
                        { Expected = Compared.Of(VerifyContext.Show(expected.Mid, c.P), expected), Actual = Compared.Of(c.P), Subject = $"{VerifyContext.SubjectOf(table, c.Row)}C{c.Column}" }
                    : new Diagnostic(FindingCodes.PercentChangeWrong, Severity.Error, ctx.At(c.P), $"{what} (between {expected}% whatever the rounding).")
                        { Expected = Compared.Of(VerifyContext.Show(expected.Mid, c.P), expected), Actual = Compared.Of(c.P), Subject = $"{VerifyContext.SubjectOf(table, c.Row)}C{c.Column}" };
            }
        }
    }

    /// <summary>
    /// The rows of the latest period among <paramref name="rows"/>: the period just before, where a REIT's half-year
    /// period has both the one six months earlier (前期) and the one a year earlier; more than one row when the table
    /// prints that period twice.
    /// </summary>
    private static List<(TableRow Row, RowPeriod Period)> Latest(IEnumerable<(TableRow Row, RowPeriod Period)> rows) =>
        rows.GroupBy(r => r.Period.End).OrderByDescending(g => g.Key).Take(1).SelectMany(g => g).ToList();

    /// <summary>
    /// The figure of <paramref name="measure"/> for the period before <paramref name="period"/> in the nearest period
    /// table before table <paramref name="index"/> that prints that measure: the row of the period before, or for a
    /// forecast that names no year (通期), the latest reported row of the same part of the year. Null when that table
    /// has no such row.
    /// </summary>
    private static (TableRow Row, TableModel Table, int Column, Figure? Figure)? BaseElsewhere(List<PeriodTable> tables, int index, RowPeriod period, string measure)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var (other, rows) = (tables[i].Table, tables[i].Rows);
            var columns = Values(other).Where(c => !IsPercentHeading(other.Columns[c].Header) && Measure(other.Columns[c].Header) == measure).ToList();
            if (columns is not [var column])
            {
                continue;
            }

            var reported = rows.Where(r => !r.Period.Forecast && !r.Period.YearUnsaid);
            var candidates = Latest(period.YearUnsaid ? reported.Where(r => r.Period.Part == period.Part) : reported.Where(r => period.Follows(r.Period)));
            return candidates is [var b] ? (b.Row, other, column, b.Row[column]) : null;
        }

        return null;
    }

    /// <summary>
    /// The values a figure may stand for. An amount in millions or thousands (a column headed 百万円, 千円) may have been
    /// cut off rather than rounded (百万円未満切捨て, which most 決算短信 state and not always where the table is):
    /// anything within one unit of it.
    /// </summary>
    internal static Interval RangeOf(VerifyContext ctx, Figure f, string header) =>
        ScaledUnits.Any(u => header.Contains(u, StringComparison.Ordinal)) ? Interval.Around(f.Value, f.Unit) : ctx.RangeOf(f);

    private static readonly string[] ScaledUnits = ["百万円", "千円", "億円", "百万ドル", "千ドル"];

    /// <summary>
    /// A percentage holds when the exact value prints as it: rounded, or cut off after its last digit (25.38 as
    /// 25.3, −1.03 as −1.0).
    /// </summary>
    internal static bool Holds(Interval exact, Figure p)
    {
        if (exact.Overlaps(p.Range))
        {
            return true;
        }

        // Cut off: the exact value is from the printed one up to, not including, one unit further from zero.
        return p.Value >= 0
            ? exact.Hi >= p.Value && exact.Lo < p.Value + p.Unit
            : exact.Lo <= p.Value && exact.Hi > p.Value - p.Unit;
    }

    /// <summary>"（１）連結経営成績, "2024年３月期", 売上高" for messages.</summary>
    private static string Where(TableModel table, TableRow row, string measure) => $"{VerifyContext.Short(table)}, \"{row.Label}\", {measure}";

    /// <summary>Total assets, by the names Japanese and English summaries give it.</summary>
    private static bool IsTotalAssets(string measure) => measure is "総資産" or "資産合計" or "総資産額" || measure.Equals("Total assets", StringComparison.OrdinalIgnoreCase);

    /// <summary>A name without its kana (the particles that one heading spells out and another leaves out: 親会社の所有者に帰属する持分, 親会社所有者帰属持分).</summary>
    private static string Kanji(string name) => new(name.Where(ch => ch is not (>= '\u3040' and <= '\u309F') && !char.IsWhiteSpace(ch)).ToArray());

    private static IEnumerable<Diagnostic> Ratios(VerifyContext ctx, TableModel table, List<(TableRow Row, RowPeriod Period)> rows)
    {
        var values = Values(table);
        var assets = values.Where(c => IsTotalAssets(Measure(table.Columns[c].Header))).ToList();
        if (assets is not [var total])
        {
            yield break;
        }

        foreach (var ratio in values.Where(c => IsPercentHeading(table.Columns[c].Header)))
        {
            var name = Kanji(Measure(table.Columns[ratio].Header));
            if (!name.EndsWith("比率", StringComparison.Ordinal) || name.Length <= 2)
            {
                continue;
            }

            // The numerator: a column of the table named so, or a line of the summary that gives it by period
            // ("（参考）自己資本 2024年３月期 221,936百万円 2023年３月期 211,701百万円").
            var numerators = values.Where(c => c != ratio && c != total && !IsPercentHeading(table.Columns[c].Header) && Kanji(Measure(table.Columns[c].Header)) == name[..^2]).ToList();
            var unit = ScaledUnits.FirstOrDefault(u => table.Columns[total].Header.Contains(u, StringComparison.Ordinal));
            var reference = numerators.Count == 0 && unit is not null ? ReferenceFigures(ctx, name[..^2], unit, table.Number) : [];
            if (numerators.Count > 1 || (numerators.Count == 0 && reference.Count == 0))
            {
                continue;
            }

            var numeratorName = numerators is [var column] ? Measure(table.Columns[column].Header) : name[..^2];
            var numeratorHeader = numerators is [var c0] ? table.Columns[c0].Header : unit!;
            var cases = new List<(TableRow Row, Figure P, Figure N, Figure D, Interval Exact)>();
            foreach (var (row, period) in rows)
            {
                var numerator = numerators is [var over] ? row[over] : reference.FirstOrDefault(r => r.Period.SamePeriod(period) && !period.Forecast).Figure;
                if (row[ratio] is { IsDash: false } p && numerator is { IsDash: false } n && row[total] is { IsDash: false } d &&
                    RangeOf(ctx, n, numeratorHeader).DividedBy(RangeOf(ctx, d, table.Columns[total].Header)) is { } q)
                {
                    cases.Add((row, p, n, d, q.Times(100)));
                }
            }

            // The operands are named; one row that holds shows the figures are read as they are meant.
            if (!cases.Any(c => Holds(c.Exact, c.P)))
            {
                ctx.Tally.Skipped(RelationKind.Ratio, "no two rows whose quotient it is", cases.Count);
                continue;
            }

            var measure = Measure(table.Columns[ratio].Header);
            foreach (var c in cases)
            {
                var holds = Holds(c.Exact, c.P);
                ctx.Tally.Checked(RelationKind.Ratio, holds, $"{Where(table, c.Row, measure)}: {c.P.Text}% against {c.N.Text} over {c.D.Text} ({c.Exact}%)");
                if (!holds)
                {
                    yield return new Diagnostic(FindingCodes.RatioWrong, Severity.Error, ctx.At(c.P),
                        $"{Where(table, c.Row, measure)} is {c.P.Text}%, but {numeratorName} {c.N.Text} over {Measure(table.Columns[total].Header)} {c.D.Text} is {VerifyContext.Show(c.Exact.Mid, c.P)}% (between {c.Exact}%).")
                        { Expected = Compared.Of(VerifyContext.Show(c.Exact.Mid, c.P), c.Exact), Actual = Compared.Of(c.P), Subject = $"{VerifyContext.SubjectOf(table, c.Row)}C{ratio}" };
                }
            }
        }
    }

    [GeneratedRegex(@"^(?<n>[△▲-]?[0-9][0-9,]*(?:\.[0-9]+)?)?(?:百万円|千円|億円)?$")]
    private static partial Regex AmountAndUnit();

    /// <summary>A cell that is a period, with its amount when the cell holds one too ("2022年4月期第1四半期12,397百万円").</summary>
    private static (RowPeriod Period, string Amount)? PeriodAndAmount(string compact) =>
        RowPeriod.Leading(compact) is ({ } period, var after) && AmountAndUnit().Match(after) is { Success: true } m ? (period, m.Groups["n"].Value) : null;

    /// <summary>
    /// The figures a line of the summary gives for <paramref name="name"/> by period, in <paramref name="unit"/>:
    /// "（参考）自己資本 | 2024年３月期 | 221,936 | 百万円 | 2023年３月期 | 211,701 | 百万円", or with each period and its
    /// amount in one cell ("2022年4月期第1四半期12,397百万円"), read from the tables as the file holds them. The first
    /// such line after table <paramref name="after"/> (a summary prints it below the table it completes, once for the
    /// group and once for the company alone), or else the last before it; empty when there is none.
    /// </summary>
    private static List<(RowPeriod Period, Figure Figure)> ReferenceFigures(VerifyContext ctx, string name, string unit, int after)
    {
        var found = new List<(int Table, List<(RowPeriod, Figure)> Figures)>();
        foreach (var (number, raw) in ctx.SourceTables.SelectMany(t => t.Rows.Select(r => (t.Number, r))))
        {
            var cells = raw.Cells.Where(c => c.Text.Trim().Length > 0).Select(c => (Text: RowPeriod.Compact(c.Text), Cell: c)).ToList();
            var first = cells.FindIndex(c => PeriodAndAmount(c.Text) is not null);
            if (first <= 0)
            {
                continue;
            }

            var label = string.Concat(cells.Take(first).Select(c => c.Text)).Replace("(参考)", "", StringComparison.Ordinal).Replace("(注)", "", StringComparison.Ordinal);
            if (Kanji(label) != name || !cells.Skip(first).Any(c => c.Text.Contains(unit, StringComparison.Ordinal)))
            {
                continue;
            }

            var figures = new List<(RowPeriod, Figure)>();
            for (var i = first; i < cells.Count; i++)
            {
                if (PeriodAndAmount(cells[i].Text) is not ({ } period, var inCell))
                {
                    continue;
                }

                // The amount in the same cell, or in the next cell that holds a figure.
                var amount = inCell.Length > 0
                    ? FigureParser.Parse(inCell, cells[i].Cell.Line, cells[i].Cell.Column)
                    : cells.Skip(i + 1).TakeWhile(c => PeriodAndAmount(c.Text) is null).Select(c => FigureParser.Parse(c.Text, c.Cell.Line, c.Cell.Column)).FirstOrDefault(f => f is not null);
                if (amount is not null)
                {
                    figures.Add((period, amount));
                }
            }

            if (figures.Count > 0)
            {
                found.Add((number, figures));
            }
        }

        return (found.FirstOrDefault(f => f.Table > after).Figures ?? found.LastOrDefault(f => f.Table < after).Figures) ?? [];
    }

    /// <summary>A heading that names the year's total of the columns before it (合計, 年間, Total, Annual).</summary>
    private static bool IsTotalHeading(string measure)
    {
        var last = measure.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words ? words[^1] : "";
        return last is "合計" or "年間" || last.Equals("Total", StringComparison.OrdinalIgnoreCase) || last.Equals("Annual", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The one total column of a table whose rows are periods, which this check adds up (and the cross-footing of
    /// "Total" columns leaves to it); null for any other table.</summary>
    internal static int? TotalColumn(TableModel table)
    {
        var rows = table.Rows.Where(r => !r.IsSection).ToList();
        if (rows.Count == 0 || rows.Any(r => r.Cells.Any(f => f is not null) && RowPeriod.Parse(r.Label) is null))
        {
            return null;
        }

        var totals = Values(table).Where(c => IsTotalHeading(Measure(table.Columns[c].Header)) && !IsPercentHeading(table.Columns[c].Header)).ToList();
        return totals is [var total] ? total : null;
    }

    /// <summary>A dividend column named by the date it is paid for: 第１四半期末, 中間期末, 期末, "2nd quarter-end", "Year-end".</summary>
    private static bool IsPeriodEnd(string measure)
    {
        var last = measure.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words ? words[^1] : "";
        return last.EndsWith("期末", StringComparison.Ordinal) || last.EndsWith("quarter-end", StringComparison.OrdinalIgnoreCase) || last.Equals("year-end", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<Diagnostic> DividendTotals(VerifyContext ctx, TableModel table, List<(TableRow Row, RowPeriod Period)> rows)
    {
        var values = Values(table);
        if (TotalColumn(table) is not { } total)
        {
            yield break;
        }

        var parts = values.Where(c => c < total && !IsPercentHeading(table.Columns[c].Header)).ToList();
        if (parts.Count < 2)
        {
            yield break;
        }

        // A forecast row completes the row of the same year paid so far: its blank cells are that row's.
        var cases = new List<(TableRow Row, Figure Total, List<Figure> Parts, Interval Sum)>();
        var incomplete = 0;
        foreach (var (row, period) in rows)
        {
            if (row[total] is not { IsDash: false } t)
            {
                continue;
            }

            var paid = period.Forecast ? rows.Where(r => !r.Period.Forecast && r.Period.SamePeriod(period with { Forecast = false })).Select(r => r.Row).ToList() : [];
            var figures = parts.Select(c => row[c] ?? (paid is [var so] ? so[c] : null)).ToList();
            if (figures.Any(f => f is null))
            {
                incomplete++;
                continue;
            }

            var sum = figures.Aggregate(Interval.Exact(0), (s, f) => f!.IsDash ? s : s + ctx.RangeOf(f));
            cases.Add((row, t, figures.Where(f => !f!.IsDash).Select(f => f!).ToList(), sum));
        }

        ctx.Tally.Skipped(RelationKind.Footing, "rows it totals not found", incomplete);
        // Most rows, and at least two, add up; or the columns are named as the dividends of the year's quarter ends
        // (第１四半期末 … 期末, the exchange's form) and one row adds up, which shows the figures are read as meant.
        var holding = cases.Count(c => c.Sum.Overlaps(c.Total.Range));
        var quarterEnds = parts.All(c => IsPeriodEnd(Measure(table.Columns[c].Header)));
        if (!PercentChecks.Confirmed(holding, cases.Count) && !(quarterEnds && holding >= 1))
        {
            ctx.Tally.Skipped(RelationKind.Footing, "total column not confirmed", cases.Count);
            yield break;
        }

        var measure = Measure(table.Columns[total].Header);
        foreach (var c in cases)
        {
            var holds = c.Sum.Overlaps(c.Total.Range);
            var items = string.Join(" + ", c.Parts.Select(f => f.Text));
            ctx.Tally.Checked(RelationKind.Footing, holds, $"{Where(table, c.Row, measure)}: {c.Total.Text} against {items} ({c.Sum})", table);
            if (!holds)
            {
                yield return new Diagnostic(FindingCodes.CrossFootFails, Severity.Error, ctx.At(c.Total),
                    $"{Where(table, c.Row, measure)} is {c.Total.Text}, but the columns before it add up to {VerifyContext.Show(c.Sum.Mid, c.Total)} ({items}).")
                    { Expected = Compared.Of(VerifyContext.Show(c.Sum.Mid, c.Total), c.Sum), Actual = Compared.Of(c.Total), Subject = $"{VerifyContext.SubjectOf(table, c.Row)}C{total}" };
            }
        }
    }
}
