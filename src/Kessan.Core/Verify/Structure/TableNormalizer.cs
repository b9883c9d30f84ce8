using System.Text.RegularExpressions;
using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;

namespace Kessan.Verify.Structure;

/// <summary>
/// Turns a table as laid out into its logical rows and columns, whichever format it came from. Filing agents put
/// <c>$</c> in a cell of its own, a negative's closing parenthesis or a <c>%</c> in the next cell, empty spacer rows
/// for underlines, empty columns for spacing and indentation, and sometimes the label in the second cell; after this
/// step a row is a label followed by one cell per logical column, and every check reads only that.
/// </summary>
public static partial class TableNormalizer
{
    [GeneratedRegex(@"^(?:\$|US\$|\\\$|¥|€|£|JPY|USD|円)$")]
    private static partial Regex CurrencyOnly();

    [GeneratedRegex(@"^(?:\)|%|\)%|%\)|pts?\.?|bps|ppts?|pp)$", RegexOptions.IgnoreCase)]
    private static partial Regex Closing();

    [GeneratedRegex(@"^[_=\s]*$")]
    private static partial Regex Underline();

    public static RawTable Normalize(RawTable raw)
    {
        if (raw.Rows.Count == 0)
        {
            return raw;
        }

        var width = raw.Rows.Max(r => r.Cells.Count);
        var rows = new List<(RawCell[] Cells, RawRow Row)>();
        foreach (var row in raw.Rows)
        {
            var cells = new RawCell[width];
            for (var c = 0; c < width; c++)
            {
                var cell = c < row.Cells.Count ? row.Cells[c] : new RawCell("", row.Line, 0);
                var text = cell.Text.Replace("\u200b", "", StringComparison.Ordinal).Trim();
                cells[c] = text.Length == cell.Text.Length ? cell : cell with { Text = text };
            }

            JoinSplitFigures(cells);
            if (cells.All(c => Underline().IsMatch(c.Text)))
            {
                // Spacer and underline rows carry nothing.
                continue;
            }

            rows.Add((cells, row));
        }

        if (rows.Count == 0)
        {
            return raw with { Rows = [] };
        }

        MoveLabels(rows);
        return raw with { Rows = LogicalColumns(rows, width) };
    }

    /// <summary>
    /// Groups layout columns into logical ones. A figure's cell covers the layout columns of its span; the columns
    /// that figures cover together form one logical column ("$ | 3,502" in one row and "1,223" spanning both in the
    /// next), unless that would put two figures of one row together. Columns with nothing below the headings
    /// (spacing, "$", the cells a span covers) disappear; a heading moves to the first logical column under it.
    /// </summary>
    private static List<RawRow> LogicalColumns(List<(RawCell[] Cells, RawRow Row)> rows, int width)
    {
        var firstData = FirstDataRow(rows);
        if (firstData < 0)
        {
            firstData = rows.Count;
        }

        var parent = Enumerable.Range(0, width).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var rowsOf = new Dictionary<int, HashSet<int>>();
        HashSet<int> RowsOf(int root) => rowsOf.TryGetValue(root, out var set) ? set : rowsOf[root] = [];
        var figures = new List<(int Row, int Column, int Span)>();
        var texts = new List<(int Row, int Column, int Span)>();
        for (var r = firstData; r < rows.Count; r++)
        {
            var cells = rows[r].Cells;
            for (var c = 1; c < width; c++)
            {
                if (cells[c].Text.Length > 0)
                {
                    (IsFigure(cells[c]) ? figures : texts).Add((r, c, Math.Max(1, Math.Min(cells[c].Span, width - c))));
                }
            }
        }

        var placed = new Dictionary<(int Row, int Column), int>();
        foreach (var (r, c, span) in figures.OrderBy(f => f.Span))
        {
            if (span == 1)
            {
                // The common figure, in one layout column: the general case below without its lists.
                var root = Find(c);
                if (!RowsOf(root).Add(r))
                {
                    placed[(r, c)] = root;
                }

                continue;
            }

            var roots = Enumerable.Range(c, span).Select(Find).Distinct().ToList();
            var sets = roots.Select(RowsOf).ToList();
            if (!sets.Any(s => s.Contains(r)) && NoRowInTwo(sets))
            {
                // The columns the figure covers become one, with the rows of their figures and this one.
                var merged = sets[0];
                foreach (var set in sets.Skip(1))
                {
                    merged.UnionWith(set);
                }

                merged.Add(r);
                foreach (var root in roots.Skip(1))
                {
                    parent[root] = roots[0];
                    rowsOf.Remove(root);
                }
            }
            else
            {
                var best = roots.Where(x => !RowsOf(x).Contains(r)).OrderByDescending(x => RowsOf(x).Count).FirstOrDefault(-1);
                best = best < 0 ? Find(c) : best;
                RowsOf(best).Add(r);
                placed[(r, c)] = best;
            }
        }

        // Logical columns: those with figures, and layout columns with text only below the headings.
        var firstColumn = new SortedDictionary<int, int>();
        for (var c = width - 1; c >= 1; c--)
        {
            var root = Find(c);
            if (RowsOf(root).Count > 0)
            {
                var before = -1;
                foreach (var (key, value) in firstColumn)
                {
                    if (value == root)
                    {
                        before = key;
                        break;
                    }
                }

                firstColumn.Remove(before);
                firstColumn[c] = root;
            }
        }

        // A text spanning a column of figures ("*" over "$ | 1,105") belongs to that column, not to one of its own.
        foreach (var (_, c, _) in texts.Where(t => Enumerable.Range(t.Column, t.Span).All(x => RowsOf(Find(x)).Count == 0)))
        {
            firstColumn.TryAdd(c, -c - 1);
        }

        var order = firstColumn.ToList();
        bool Covers(int k, int column, int span)
        {
            var value = order[k].Value;
            if (value < 0)
            {
                return -value - 1 >= column && -value - 1 < column + span;
            }

            for (var c = column; c < column + span; c++)
            {
                if (Find(c) == value)
                {
                    return true;
                }
            }

            return false;
        }

        int LogicalOf(int r, int column, int span)
        {
            // Loops rather than FindIndex with a lambda: this runs for every cell, and a lambda capturing the
            // column would cost an allocation per call.
            if (placed.TryGetValue((r, column), out var root))
            {
                for (var k = 0; k < order.Count; k++)
                {
                    if (order[k].Value == root)
                    {
                        return k;
                    }
                }

                return -1;
            }

            for (var k = 0; k < order.Count; k++)
            {
                if (Covers(k, column, span))
                {
                    return k;
                }
            }

            for (var k = 0; k < order.Count; k++)
            {
                if (order[k].Key >= column)
                {
                    return k;
                }
            }

            return -1;
        }

        var result = new List<RawRow>();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Cells;
            var logical = new RawCell[order.Count + 1];
            logical[0] = cells[0];
            for (var c = 1; c < width; c++)
            {
                var k = cells[c].Text.Length == 0 ? -1 : LogicalOf(r, c, Math.Max(1, Math.Min(cells[c].Span, width - c)));
                if (k < 0)
                {
                    continue;
                }

                var cell = cells[c] with { Span = 1 };
                logical[k + 1] = logical[k + 1] is { Text.Length: > 0 } already ? already with { Text = already.Text + " " + cell.Text } : cell;
            }

            for (var k = 1; k < logical.Length; k++)
            {
                logical[k] ??= new RawCell("", rows[r].Row.Line, 0);
            }

            result.Add(new RawRow(logical, rows[r].Row.Line));
        }

        return result;
    }

    /// <summary>Whether no row is in two of the sets (each set the rows with a figure in one column).</summary>
    private static bool NoRowInTwo(List<HashSet<int>> sets)
    {
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                if (sets[i].Overlaps(sets[j]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>"$" | "1,234" becomes "1,234"; "(1,234" | ")" becomes "(1,234)"; "5.2" | "%" becomes "5.2%".</summary>
    private static void JoinSplitFigures(RawCell[] cells)
    {
        for (var c = 1; c < cells.Length; c++)
        {
            var t = cells[c].Text;
            if (t.Length == 0)
            {
                continue;
            }

            // "$" | "(2,080" | ")": the figure's closing parenthesis is in a cell of its own, joined below.
            if (CurrencyOnly().IsMatch(t) && Array.FindIndex(cells, c + 1, x => x.Text.Length > 0) is var next && next > c &&
                (IsFigure(cells[next]) || (cells[next].Text.StartsWith('(') && FigureParser.Parse(cells[next].Text + ")") is not null)))
            {
                cells[c] = cells[c] with { Text = "" };
                continue;
            }

            if (Closing().IsMatch(t))
            {
                var prev = c - 1;
                while (prev > 0 && cells[prev].Text.Length == 0)
                {
                    prev--;
                }

                if (prev > 0 && (FigureParser.Parse(cells[prev].Text) is not null || FigureParser.Parse(cells[prev].Text + ")") is not null))
                {
                    var joined = cells[prev].Text + (t.StartsWith('p') || t.StartsWith('b') || t.StartsWith('P') || t.StartsWith('B') ? "" : t);
                    cells[prev] = cells[prev] with { Text = joined };
                    cells[c] = cells[c] with { Text = "" };
                }
            }
        }
    }

    /// <summary>A label written in the second (or a later) cell of a row whose first cell is empty moves to the first cell.</summary>
    private static void MoveLabels(List<(RawCell[] Cells, RawRow Row)> rows)
    {
        var firstData = FirstDataRow(rows);
        if (firstData < 0)
        {
            return;
        }

        for (var i = firstData; i < rows.Count; i++)
        {
            var cells = rows[i].Cells;
            if (cells[0].Text.Length > 0)
            {
                continue;
            }

            var k = Array.FindIndex(cells, c => c.Text.Length > 0);
            if (k <= 0 || IsFigure(cells[k]) || FigureParser.LooksLikeYear(cells[k].Text))
            {
                continue;
            }

            // Only a row whose other cells are figures (or a lone heading): a header row spread over columns stays.
            if (cells.Skip(k + 1).Any(c => c.Text.Length > 0 && !IsFigure(c)))
            {
                continue;
            }

            cells[0] = cells[k] with { Span = 1 };
            cells[k] = cells[k] with { Text = "" };
        }
    }

    /// <summary>
    /// The first row with a figure that is not a year: a heading row of years ("2025 | 2024 | $ Change | % Change")
    /// is a heading, whose words belong to the columns their spans cover, not columns of their own.
    /// </summary>
    private static int FirstDataRow(List<(RawCell[] Cells, RawRow Row)> rows) =>
        rows.FindIndex(r => r.Cells.Skip(1).Any(c => IsFigure(c) && !FigureParser.LooksLikeYear(c.Text)));

    private static bool IsFigure(RawCell c) => c.Text.Length > 0 && FigureParser.Parse(c.Text) is not null;
}
