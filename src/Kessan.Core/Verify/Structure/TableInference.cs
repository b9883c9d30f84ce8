using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;

namespace Kessan.Verify.Structure;

/// <summary>
/// Works out what a raw table means: which leading rows are headers, what each column holds (period, currency,
/// value / change / % of total), the scale ("JPY in millions", "Expressed in Thousands"), and the unit of each row.
/// </summary>
public static partial class TableInference
{
    [GeneratedRegex(@"(?<=単位[:：]?\s*)(百万円|千円)|[（(]\s*(百万円|千円)\s*[）)]|(?<=\d\s*)(百万円|千円)$|\b(?:in|of)\s+(millions|thousands|billions)\b|\b(millions|thousands|billions)\s+of\b|\(\s*(?:[$¥€£]|usd|jpy|us\$)?\s*(?:in\s+)?(millions|thousands|billions)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ScalePhrase();

    [GeneratedRegex(@"\b(change|chg|growth|variance|variation|yoy|qoq|y/y|q/q)\b|\bvs\.?|\bversus\b|\d{2,4}\s+over\s+\d{2,4}|increase|decrease|増減|前期比|前年同期比|差額(?!金)", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeWords();

    /// <summary>Headings that say how a change is shown, not what the column is ("Increase (Decrease)" over "Amount | %").</summary>
    [GeneratedRegex(@"^(amount|amounts|dollars?|\$|percent|percentage|%|units?|points?|pts|bps|yen|rate|value|ratio)$", RegexOptions.IgnoreCase)]
    private static partial Regex HowShown();

    [GeneratedRegex(@"normali[sz]|constant currenc|organic|like-for-like|underlying|excluding|comparable|\bbps\b|basis point", RegexOptions.IgnoreCase)]
    private static partial Regex Adjusted();

    [GeneratedRegex(@"of total|% of|percent of|as a %|^%$|^\(?%\)?$|% to total", RegexOptions.IgnoreCase)]
    private static partial Regex OfTotalWords();

    [GeneratedRegex(@"^(.*\S)\s+\(?%\)?$")]
    private static partial Regex TrailingPercent();

    [GeneratedRegex(@"^(less|deduct)\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex LessHeading();

    [GeneratedRegex(@"\bper (?:basic|diluted)(?: common)? share\b")]
    private static partial Regex PerShareWords();

    [GeneratedRegex(@"\bshares\b")]
    private static partial Regex SharesWord();

    [GeneratedRegex(@"weighted|outstanding|used (in|to compute)|dilutive")]
    private static partial Regex ShareCountWords();

    [GeneratedRegex(@"yoy|year|y/y", RegexOptions.IgnoreCase)]
    private static partial Regex YearOverYear();

    [GeneratedRegex(@"qoq|q/q|sequential|quarter", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterOverQuarter();

    public static TableModel Infer(RawTable raw, FiscalConvention fiscal, string path, List<Diagnostic> findings)
    {
        var asRead = raw;
        raw = TableNormalizer.Normalize(raw);
        var width = raw.Rows.Count == 0 ? 0 : raw.Rows.Max(r => r.Cells.Count);
        var rows = raw.Rows.Select(r => Pad(r, width)).ToList();
        var headerCount = HeaderRowCount(rows);
        var headers = rows.Take(headerCount).ToList();

        // A Japanese note writes the unit after its first figure ("628百万円", then 397 below it).
        var unitCells = rows.Skip(headerCount).SelectMany(r => r.Skip(1)).Select(c => c.Text).Where(t => t.EndsWith("百万円", StringComparison.Ordinal) || t.EndsWith("千円", StringComparison.Ordinal)).Take(1).ToList();
        var contextText = string.Join(" \n", raw.Context.Concat(headers.SelectMany(h => h.Select(c => c.Text))).Concat(unitCells));
        var scale = ScaleFrom([.. raw.Context, .. unitCells], headers);
        var tableCurrency = CurrencyOf(string.Join(' ', raw.Context.Take(2)) + " " + string.Join(' ', headers.SelectMany(h => h.Select(c => c.Text))));
        var isReconciliation = raw.Context.Any(c => c.Contains("reconcil", StringComparison.OrdinalIgnoreCase));
        var truncated = scale > 1 && (contextText.Contains("百万円", StringComparison.Ordinal) || contextText.Contains("千円", StringComparison.Ordinal));

        var dataRows = new List<TableRow>();
        for (var r = headerCount; r < rows.Count; r++)
        {
            var cells = rows[r];
            var label = Labels.Clean(cells.Count > 0 ? cells[0].Text : "");
            var figures = new Figure?[width];
            for (var c = 1; c < width; c++)
            {
                var figure = FigureParser.Parse(cells[c].Text, cells[c].Line, cells[c].Column);
                figures[c] = figure is { } f && truncated && !f.IsPercent ? f with { Truncated = true } : figure;
            }

            var isSection = figures.All(f => f is null);
            dataRows.Add(new TableRow(r, label, raw.Rows[r].Line, figures, isSection, UnitOf(label)));
        }

        PerShareThroughout(dataRows);
        UnderALessHeading(dataRows);
        var columns = InferColumns(headers, dataRows, width, fiscal, tableCurrency);
        if (headerCount > 0)
        {
            var headerWidth = asRead.Rows.Take(headerCount).Max(h => h.Cells.Count);
            foreach (var row in asRead.Rows.Skip(headerCount).Where(r => r.Cells.Count > headerWidth && r.Cells.Skip(headerWidth).Any(c => c.Text.Length > 0)))
            {
                findings.Add(new Diagnostic(FindingCodes.RaggedRow, Severity.Warning, new SourceLocation(path, row.Line),
                    $"This row of {raw.Title} has {row.Cells.Count} cells but the header has {headerWidth}; the extra cells have no column heading."));
            }
        }

        return new TableModel(raw, raw.Title, scale, tableCurrency, isReconciliation, columns, dataRows);
    }

    /// <summary>
    /// In a table that starts and ends with per-share figures (earnings per share as reported, its adjustments, and
    /// earnings per share excluding them), the rows between are per-share amounts too, whatever their labels say.
    /// </summary>
    private static void PerShareThroughout(List<TableRow> rows)
    {
        var figures = rows.Where(r => !r.IsSection).ToList();
        if (figures.Count < 3 || figures[0].Unit != RowUnit.PerShare || figures[^1].Unit != RowUnit.PerShare)
        {
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].IsSection && rows[i].Unit == RowUnit.Amount)
            {
                rows[i] = rows[i] with { Unit = RowUnit.PerShare };
            }
        }
    }

    /// <summary>
    /// The rows under a heading "Less" / "Less:" / "Deduct:" (a non-GAAP measure less depreciation, pension and other
    /// adjustments) are taken away from what they follow, up to the next total or heading.
    /// </summary>
    private static void UnderALessHeading(List<TableRow> rows)
    {
        var less = false;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].IsSection)
            {
                less = LessHeading().IsMatch(rows[i].Label);
            }
            else if (rows[i].IsTotal)
            {
                less = false;
            }
            else if (less)
            {
                rows[i] = rows[i] with { Deducted = true };
            }
        }
    }

    private static List<RawCell> Pad(RawRow row, int width)
    {
        var cells = row.Cells.ToList();
        while (cells.Count < width)
        {
            cells.Add(new RawCell("", row.Line, 0));
        }

        return cells;
    }

    /// <summary>Leading rows that hold no figures other than years, until the first section or figure row.</summary>
    private static int HeaderRowCount(List<List<RawCell>> rows)
    {
        var count = 0;
        var sawHeaderText = false;
        foreach (var row in rows)
        {
            var rest = row.Skip(1).Where(c => c.Text.Length > 0).ToList();
            var label = row.Count > 0 ? row[0].Text : "";
            if (rest.Any(c => FigureParser.Parse(c.Text) is not null && !FigureParser.LooksLikeYear(c.Text)))
            {
                break;
            }

            if (rest.Count == 0)
            {
                // A label alone: a section heading once the column headings have been seen, a title before.
                if (sawHeaderText && label.Length > 0)
                {
                    break;
                }
            }
            else
            {
                sawHeaderText = true;
            }

            count++;
        }

        return count == rows.Count ? Math.Min(1, count) : count;
    }

    private static decimal ScaleFrom(IReadOnlyList<string> context, List<List<RawCell>> headers)
    {
        foreach (var text in headers.SelectMany(h => h.Select(c => c.Text)).Concat(context))
        {
            var m = ScalePhrase().Match(text);
            if (m.Success)
            {
                var word = m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).First(g => g.Success).Value.ToLowerInvariant();
                return word switch
                {
                    "千円" => 1_000m,
                    "百万円" => 1_000_000m,
                    "thousands" => 1_000m,
                    "millions" => 1_000_000m,
                    _ => 1_000_000_000m,
                };
            }
        }

        return 1m;
    }

    [GeneratedRegex(@"\b(?:(?<b>bn|billions?)|(?<m>mn|millions?)|(?<k>thousands?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleWord();

    /// <summary>The scale a column's own heading names ("(Bn JPY)" 10⁹, "(Mn USD)" 10⁶), or null.</summary>
    internal static decimal? ScaleNamed(string heading) => ScaleWord().Match(heading) switch
    {
        { Success: false } => null,
        var m when m.Groups["b"].Success => 1_000_000_000m,
        var m when m.Groups["m"].Success => 1_000_000m,
        _ => 1_000m,
    };

    internal static string? CurrencyOf(string text)
    {
        var t = text.ToLowerInvariant();
        var usd = t.Contains("usd", StringComparison.Ordinal) || t.Contains("us$", StringComparison.Ordinal) || t.Contains("u.s. dollar", StringComparison.Ordinal);
        var jpy = t.Contains("jpy", StringComparison.Ordinal) || t.Contains("yen", StringComparison.Ordinal);
        return usd && jpy ? null : usd ? "USD" : jpy ? "JPY" : null;
    }

    private static RowUnit UnitOf(string label)
    {
        var l = label.ToLowerInvariant();
        if (l.Contains("per share", StringComparison.Ordinal) || l.Contains("per ads", StringComparison.Ordinal) || l.Contains("per common share", StringComparison.Ordinal)
            || PerShareWords().IsMatch(l)
            || l.Contains("per adr", StringComparison.Ordinal))
        {
            return RowUnit.PerShare;
        }

        return l.Contains("number of shares", StringComparison.Ordinal) || l.Contains("ads equivalents", StringComparison.Ordinal)
            || (SharesWord().IsMatch(l) && ShareCountWords().IsMatch(l))
            || l.Contains("shares outstanding", StringComparison.Ordinal) || l.Contains("number of ads", StringComparison.Ordinal)
            ? RowUnit.ShareCount
            : RowUnit.Amount;
    }

    private static List<ColumnInfo> InferColumns(List<List<RawCell>> headers, List<TableRow> rows, int width, FiscalConvention fiscal, string? tableCurrency)
    {
        // Spanning headings (a period over USD / JPY / %) are written once, at the left of their span: fill them
        // rightwards, except on the lowest heading row, which names each column on its own.
        var filled = headers.Select((h, i) => i == headers.Count - 1 ? h.Select(c => c.Text).ToArray() : FillRight(h)).ToList();
        var columns = new List<ColumnInfo> { new(0, ColumnKind.Label, "", null, null) };
        for (var c = 1; c < width; c++)
        {
            var own = headers.Select(h => h[c].Text).Where(t => t.Length > 0).ToList();
            var lowest = own.Count > 0 ? own[^1] : "";
            var above = own.Count > 1 ? own[^2] : "";
            if (own.Count == 1 && TrailingPercent().Match(lowest) is { Success: true } split && fiscal.KeyOf(split.Groups[1].Value) is not null)
            {
                // "Jun 30, 2003 %": one heading cell holding what two heading rows hold elsewhere (period over "%").
                (above, lowest) = (split.Groups[1].Value, "%");
            }

            var all = string.Join(" ", filled.Select(f => f[c]).Where(t => t.Length > 0));
            var lowestRow = headers.FindLastIndex(h => h[c].Text.Length > 0);
            var filledAbove = lowestRow > 0 ? filled[lowestRow - 1][c] : "";
            if (above.Length == 0 && lowest.Length <= 6)
            {
                above = filledAbove;
            }

            var kindText = (lowest.Length <= 12 || lowest.Contains('%') ? above + " " + lowest : lowest).Trim();
            var header = string.Join(" ", own.Select(Labels.Clean));

            // A rate row among amounts ("Percentage of total revenue" under "Research and development") says nothing
            // of what the column holds; only when the column has no other figures does it decide.
            var figures = rows.Where(r => !r.IsSection && !r.NamesARate).Select(r => r[c]).OfType<Figure>().Where(f => !f.IsDash).ToList();
            if (figures.Count == 0)
            {
                figures = rows.Where(r => !r.IsSection).Select(r => r[c]).OfType<Figure>().Where(f => !f.IsDash).ToList();
            }

            var percentShare = figures.Count == 0 ? 0 : (decimal)figures.Count(f => f.IsPercent) / figures.Count;
            ColumnKind kind;
            if (figures.Count == 0 && rows.All(r => r[c] is null))
            {
                kind = ColumnKind.Other;
            }
            else if (Adjusted().IsMatch(all))
            {
                kind = ColumnKind.Other;
            }
            else if (!ChangeWords().IsMatch(above) && (OfTotalWords().IsMatch(lowest.Trim()) || OfTotalWords().IsMatch(kindText)))
            {
                kind = ColumnKind.PercentOfTotal;
            }
            else if (ChangeWords().IsMatch(kindText) && !NamesAPart(lowest))
            {
                kind = kindText.Contains('%') || percentShare > 0 || kindText.Contains("percent", StringComparison.OrdinalIgnoreCase)
                    ? ColumnKind.PercentChange
                    : ColumnKind.AbsoluteChange;
            }
            else if (percentShare >= 0.5m || lowest.Contains('%'))
            {
                kind = ColumnKind.Other;
            }
            else
            {
                kind = ColumnKind.Value;
            }

            var comparison = YearOverYear().IsMatch(kindText) ? "YoY"
                : QuarterOverQuarter().IsMatch(kindText) ? "QoQ" : null;
            var currency = CurrencyOf(lowest) ?? CurrencyOf(all) ?? tableCurrency;
            columns.Add(new ColumnInfo(c, kind, header, fiscal.KeyOf(all), currency) { Comparison = comparison, Months = FiscalConvention.MonthsOf(all), Scale = ScaleNamed(all) });
        }

        // Link change and % of total columns to the value columns they are computed from.
        for (var c = 1; c < width; c++)
        {
            var col = columns[c];
            if (col.Kind is ColumnKind.PercentChange or ColumnKind.AbsoluteChange)
            {
                var baseCol = columns.Take(c).LastOrDefault(v => v.Kind == ColumnKind.Value);
                var current = baseCol is null ? null : columns.FirstOrDefault(v => v.Kind == ColumnKind.Value && v.Currency == baseCol.Currency && v.Index != baseCol.Index);
                if (baseCol is not null && current is not null && current.Index < baseCol.Index)
                {
                    columns[c] = col with { Current = current.Index, Base = baseCol.Index };
                }
                else if (baseCol is not null)
                {
                    // "2019 | 2018 | Change" has its current column first; "Change" after two columns compares them.
                    var prev = columns.Take(baseCol.Index).LastOrDefault(v => v.Kind == ColumnKind.Value);
                    if (prev is not null)
                    {
                        columns[c] = col with { Current = prev.Index, Base = baseCol.Index };
                    }
                }
            }
            else if (col.Kind == ColumnKind.PercentOfTotal)
            {
                var valueCol = columns.Take(c).LastOrDefault(v => v.Kind == ColumnKind.Value);
                if (valueCol is not null)
                {
                    columns[c] = col with { Current = valueCol.Index, Period = valueCol.Period };
                }
            }
        }

        return columns;
    }

    /// <summary>
    /// A column named by a word of its own under a change heading ("Net Sales Change Drivers" over "Price | Mix"):
    /// one part of a change, not the change between two columns.
    /// </summary>
    private static bool NamesAPart(string lowest)
    {
        var own = Labels.Clean(lowest).Trim();
        return own.Length > 0 && !ChangeWords().IsMatch(own) && !HowShown().IsMatch(own) && own.All(ch => char.IsLetter(ch) || ch is ' ' or '-' or '&');
    }

    private static string[] FillRight(List<RawCell> row)
    {
        var result = new string[row.Count];
        var last = "";
        for (var i = 0; i < row.Count; i++)
        {
            if (row[i].Text.Length > 0 || i == 0)
            {
                last = row[i].Text;
            }

            result[i] = last;
        }

        return result;
    }
}
