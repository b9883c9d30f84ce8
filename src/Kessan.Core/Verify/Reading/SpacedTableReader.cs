using System.Text.RegularExpressions;
using Kessan.Verify.Numbers;

namespace Kessan.Verify.Reading;

/// <summary>
/// Finds and reads tables whose columns are aligned with spaces (EDGAR text exhibits, reports printed to text):
/// figures right-aligned under their headings, <c>$</c> in a column of its own, dot leaders after the labels
/// ("Net income..........  $ 1,234"), underline rows of <c>----</c> and <c>====</c>, headings over several lines,
/// labels wrapped over several lines, and EDGAR's <c>&lt;TABLE&gt;</c>, <c>&lt;S&gt; &lt;C&gt;</c> and
/// <c>&lt;PAGE&gt;</c> markers. The columns are found from the right edges of the figures across the rows of a block;
/// heading words go to the columns they lie over. A block becomes a table only when its figures line up in columns
/// on several rows, so a paragraph quoting a few numbers stays a paragraph.
/// </summary>
internal static partial class SpacedTableReader
{
    /// <summary>A table found at lines <see cref="Start"/>..<see cref="End"/> (0-based, inclusive).</summary>
    internal sealed record Block(int Start, int End, IReadOnlyList<string> Titles, IReadOnlyList<RawRow> Rows);

    /// <summary>Words separated by single spaces; a figure is always a chunk of its own. End is exclusive.</summary>
    private sealed record Chunk(int Start, int End, string Text, bool IsFigure, bool IsDash, bool IsYear, bool Tabular)
    {
        /// <summary>Just after the last digit (or dash): a negative's ")" or a "%" may stand out to the right.</summary>
        public int Anchor { get; } = Start + Math.Max(1, Text.LastIndexOfAny("0123456789-—".ToCharArray()) + 1);
    }

    private enum Kind
    {
        Blank,
        Marker,
        Underline,
        Text,
    }

    private sealed record Line(Kind Kind, int Indent, IReadOnlyList<Chunk> Chunks, bool OpensTable, bool ClosesTable)
    {
        /// <summary>
        /// Running text, justified or not: eight words or more, fifty characters or more, with no gap of three
        /// spaces (a table puts at least that between a label and its figures).
        /// </summary>
        public bool IsProse { get; init; }

        /// <summary>Holds a figure set apart from the text before it (not a year, not a dash).</summary>
        public bool HasFigures => Chunks.Any(c => c.Tabular && c.IsFigure && !c.IsDash);

        public int Length => Chunks.Count == 0 ? 0 : Chunks[^1].End;
    }

    private sealed class Column(int left, int right, int anchor)
    {
        public int Left { get; set; } = left;

        public int Right { get; set; } = right;

        public int Anchor { get; set; } = anchor;

        public HashSet<int> Lines { get; } = [];

        /// <summary>A column of dashes only ("--" for nothing on every row): kept, but no evidence of a table.</summary>
        public bool DashesOnly { get; init; }
    }

    [GeneratedRegex(@"^\s*(?:</?(?:TABLE|CAPTION|S|C|FN|PAGE)>\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"\b(?:ended|ending|months|weeks|quarters?|year|years|fiscal|january|february|march|april|may|june|july|august|september|october|november|december|(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodHeading();

    [GeneratedRegex(@"\s{3,}")]
    private static partial Regex Wide();

    [GeneratedRegex(@"(?:[ ]?\.){3,}[ ]?")]
    private static partial Regex DotLeader();

    [GeneratedRegex(@"(?<=[\d)])(?:[a-z]/|\([a-z]\)|\*+)$")]
    private static partial Regex FigureNote();

    [GeneratedRegex(@"^(?:\$|US\$|¥|€|£)$")]
    private static partial Regex CurrencyOnly();

    [GeneratedRegex(@"(?:,|-|&|\b(?:and|or|of|to|for|in|on|the|from|with|by|at|less|net|before|after|per|plus|including|excluding|between|into|over|under|as|a|an))$", RegexOptions.IgnoreCase)]
    private static partial Regex Unfinished();

    private static readonly char[] Digits = "0123456789".ToCharArray();

    /// <summary>The space-aligned tables of a text, outside the lines <paramref name="taken"/> (tab-separated tables).</summary>
    public static List<Block> Find(IReadOnlyList<string> text, Func<int, bool> taken)
    {
        var lines = new Line[text.Count];
        var marked = new bool[text.Count];
        var inTable = false;
        for (var i = 0; i < text.Count; i++)
        {
            lines[i] = Classify(text[i]);
            inTable = lines[i].OpensTable || (inTable && !lines[i].ClosesTable);
            marked[i] = inTable && !lines[i].OpensTable;
        }

        var blocks = new List<Block>();
        var floor = 0;
        var k = 0;
        while (k < lines.Length)
        {
            if (taken(k) || !lines[k].HasFigures || (!marked[k] && IsProse(lines[k])))
            {
                k++;
                continue;
            }

            var start = k;
            var last = k;
            var gap = 0;

            // Where the block would have ended at the first long label it runs past: if the longer block is not a
            // table (the label was a sentence between two tables after all), the block up to there is tried.
            var beforeLongLabel = -1;
            for (var j = k + 1; j < lines.Length && !taken(j) && !lines[j].OpensTable && !lines[j].ClosesTable; j++)
            {
                if (!marked[j] && IsProse(lines[j]))
                {
                    if (!LongLabel(lines, j))
                    {
                        break;
                    }

                    if (beforeLongLabel < 0)
                    {
                        beforeLongLabel = last;
                    }
                }

                if (lines[j].HasFigures)
                {
                    last = j;
                    gap = 0;
                }
                else if (!marked[j] && !IsProse(lines[j]) && ++gap > 5)
                {
                    break;
                }
            }

            var block = Build(text, lines, marked, floor, start, last);
            if (block is null && beforeLongLabel >= 0)
            {
                last = beforeLongLabel;
                block = Build(text, lines, marked, floor, start, last);
            }

            if (block is not null)
            {
                blocks.Add(block);
                floor = block.End + 1;
                k = block.End + 1;
            }
            else
            {
                k = last + 1;
            }
        }

        return blocks;
    }

    private static Line Classify(string raw)
    {
        var s = raw.Replace('\f', ' ').Replace('\u00A0', ' ');
        if (s.Trim().Length == 0)
        {
            return new Line(Kind.Blank, 0, [], false, false);
        }

        if (MarkerLine().IsMatch(s))
        {
            var upper = s.ToUpperInvariant();
            return new Line(Kind.Marker, 0, [], upper.Contains("<TABLE>", StringComparison.Ordinal), upper.Contains("</TABLE>", StringComparison.Ordinal));
        }

        var indent = s.Length - s.TrimStart().Length;
        if (IsUnderline(s))
        {
            return new Line(Kind.Underline, indent, [], false, false);
        }

        // Dot leaders stand for spaces: the figures keep their positions.
        if (s.AsSpan().Count('.') >= 3)
        {
            var dotted = s;
            s = DotLeader().Replace(dotted, m => m.Index > 0 && char.IsDigit(dotted[m.Index - 1]) && m.Length < 4 ? m.Value : new string(' ', m.Length));
        }

        return new Line(Kind.Text, indent, Chunks(s), false, false) { IsProse = HasProse(s) };
    }

    /// <summary>A line of at least three of "-", "=" and "_", with nothing else but spaces.</summary>
    private static bool IsUnderline(string s)
    {
        var marks = 0;
        foreach (var c in s)
        {
            if (c is '-' or '=' or '_')
            {
                marks++;
            }
            else if (c != ' ')
            {
                return false;
            }
        }

        return marks >= 3;
    }

    /// <summary>
    /// Whether a part of the line between wide gaps (three or more spaces) reads as a sentence: 50 characters or more
    /// with at least seven single spaces between words.
    /// </summary>
    private static bool HasProse(string s)
    {
        var line = s.AsSpan().Trim();
        foreach (var range in Wide().EnumerateSplits(line))
        {
            var part = line[range];
            if (part.Length >= 50 && part.Count(' ') - CountDoubleSpaces(part) >= 7)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words of the line being read (a list per thread, reused: every line of a release comes here).</summary>
    [ThreadStatic]
    private static List<(int Start, int End)>? wordList;

    private static List<Chunk> Chunks(string s)
    {
        var words = wordList ??= [];
        words.Clear();
        for (var i = 0; i < s.Length;)
        {
            if (s[i] == ' ' || s[i] == '\t')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && s[i] != ' ' && s[i] != '\t')
            {
                i++;
            }

            if (!CurrencyOnly().IsMatch(s.AsSpan(start, i - start)))
            {
                words.Add((start, i));
            }
        }

        // Whether each word is a figure, asked at most once per word (0: not yet asked, 1: yes, 2: no). The last two
        // words asked about are kept as read, for a chunk of one word to take rather than read again.
        var isFigure = words.Count <= 256 ? stackalloc byte[words.Count] : new byte[words.Count];
        isFigure.Clear();
        (int Word, string Text, string Bare, Figure? Figure) last = (-1, "", "", null), before = last;
        bool WordIsFigure(Span<byte> known, int w)
        {
            if (known[w] == 0 && !FigureParser.MayBeFigure(s.AsSpan(words[w].Start, words[w].End - words[w].Start)))
            {
                known[w] = 2; // a word, not read further (WithoutNote keeps its digits and dashes)
            }
            else if (known[w] == 0)
            {
                var text = s[words[w].Start..words[w].End];
                var bare = WithoutNote(text);
                var figure = FigureParser.Parse(bare);
                (before, last) = (last, (w, text, bare, figure));
                known[w] = figure is not null ? (byte)1 : (byte)2;
            }

            return known[w] == 1;
        }

        var chunks = new List<Chunk>();
        var first = 0;
        for (var w = 1; w <= words.Count; w++)
        {
            var split = w == words.Count || words[w].Start - words[w - 1].End > 1
                || (WordIsFigure(isFigure, w - 1) && WordIsFigure(isFigure, w));
            if (!split)
            {
                continue;
            }

            var (a, b) = (words[first].Start, words[w - 1].End);
            var (text, bare, figure) = first == w - 1 && last.Word == first ? (last.Text, last.Bare, last.Figure)
                : first == w - 1 && before.Word == first ? (before.Text, before.Bare, before.Figure)
                : Read(s[a..b]);
            var year = FigureParser.LooksLikeYear(text);
            var tabular = chunks.Count == 0 || a - chunks[^1].End >= 2;
            chunks.Add(new Chunk(a, b, figure is null ? text : bare, figure is not null && !year, figure?.IsDash == true, year, tabular));
            first = w;
        }

        return chunks;
    }

    /// <summary>A chunk's text, without a note mark after its figure, and its figure.</summary>
    private static (string Text, string Bare, Figure? Figure) Read(string text)
    {
        var bare = WithoutNote(text);
        return (text, bare, FigureParser.Parse(bare));
    }

    /// <summary>The text without a note mark after its figure ("1,234a/", "5.2(b)", "97*"); those end in "/", ")" or "*".</summary>
    private static string WithoutNote(string text)
    {
        var end = text.AsSpan().TrimEnd('\n');
        return end.Length > 0 && end[^1] is '/' or ')' or '*' ? FigureNote().Replace(text, "") : text;
    }

    /// <summary>
    /// Running text: a line with a sentence in it, unless it is a row of a table — a long label followed by nothing but
    /// figures set apart ("Purchases and sales of long-term investments, intangibles and other assets, net    (30)").
    /// </summary>
    private static bool IsProse(Line line) => line.Kind == Kind.Text && line.IsProse
        && !(line.HasFigures && line.Chunks.Count >= 2 && line.Chunks.Skip(1).All(c => c.Tabular && (c.IsFigure || c.IsDash)));

    /// <summary>
    /// A line that reads as a sentence but is a long label inside a table ("Adjustments to reconcile net income to net
    /// cash provided by operating activities:", or a label wrapped before its figures): one line alone, with no
    /// figures, the row after it holding figures (or a short line of words, then figures).
    /// </summary>
    private static bool LongLabel(Line[] lines, int j)
    {
        if (lines[j].HasFigures || j + 1 >= lines.Length || (j > 0 && IsProse(lines[j - 1])))
        {
            return false;
        }

        var next = lines[j + 1];
        return next.Kind == Kind.Text && !next.IsProse
            && (next.HasFigures || (j + 2 < lines.Length && lines[j + 2].Kind == Kind.Text && !lines[j + 2].IsProse && lines[j + 2].HasFigures));
    }

    private static int CountDoubleSpaces(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] == ' ' && s[i - 1] == ' ')
            {
                n++;
            }
        }

        return n;
    }

    private static Block? Build(IReadOnlyList<string> text, Line[] lines, bool[] marked, int floor, int first, int last)
    {
        var columns = FindColumns(lines, first, last);
        var strong = columns.Count(c => c.Lines.Count >= 3 && !c.DashesOnly);
        var isMarked = marked[first];
        if (!(strong >= 2 || (isMarked && (strong >= 1 || columns.Count(c => c.Lines.Count >= 2 && !c.DashesOnly) >= 2))))
        {
            return null;
        }

        // Most figures must sit in the columns found, on rows with at least two of them: otherwise it is not a table.
        var figureChunks = Enumerable.Range(first, last - first + 1).SelectMany(i => lines[i].Chunks.Where(c => c.Tabular && c.IsFigure && !c.IsDash).Select(c => (i, c))).ToList();
        var aligned = figureChunks.Count(x => ColumnOf(columns, x.c, exact: true) >= 0);
        var multiRows = Enumerable.Range(first, last - first + 1).Count(i => lines[i].Chunks.Count(c => c.IsFigure && !c.IsDash && ColumnOf(columns, c, exact: true) >= 0) >= 2);
        if (aligned * 10 < figureChunks.Count * 7 || (!isMarked && multiRows < 3))
        {
            return null;
        }

        var labelEnd = columns.Min(c => c.Left);

        // Headings: the lines above the first figures that reach into the columns (all of them inside <TABLE>), and
        // up to two section labels between them and the first figures ("Revenues:", "Current assets:"), kept when
        // there are headings above them.
        var top = first;
        var labels = 0;
        for (var j = first - 1; j >= floor; j--)
        {
            var line = lines[j];
            if (line.OpensTable || line.ClosesTable)
            {
                break;
            }

            if (isMarked && marked[j])
            {
                top = j;
                continue;
            }

            if (line.Kind is Kind.Underline or Kind.Marker || (line.Kind == Kind.Text && !IsProse(line) && line.Chunks.Any(c => c.End > labelEnd + 1)))
            {
                top = j;
                labels = 0;
                continue;
            }

            if (line.Kind == Kind.Text && top == first && labels < 2 && !IsProse(line) && !line.HasFigures && line.Chunks.Count == 1
                && line.Chunks[0].Text.Length <= 60 && line.Chunks[0].End <= labelEnd)
            {
                labels++;
                continue;
            }

            if (line.Kind == Kind.Blank && j - 1 >= floor && (lines[j - 1].Kind == Kind.Underline || (lines[j - 1].Kind == Kind.Text && !IsProse(lines[j - 1]) && lines[j - 1].Chunks.Any(c => c.Start >= labelEnd - 1))))
            {
                continue;
            }

            break;
        }

        while (!isMarked && last > first && !lines[last].Chunks.Any(c => c.IsFigure && !c.IsDash && ColumnOf(columns, c, exact: true) >= 0))
        {
            // Figures in no column after the table's last row are the next paragraph's.
            last--;
        }

        // A last row of dashes only (a total of nothing: "$ --   $ --") belongs to the table, under its wrapped label.
        for (var j = last + 1; j < lines.Length && j <= last + 4 && !lines[j].OpensTable && !lines[j].ClosesTable && !IsProse(lines[j]); j++)
        {
            if (lines[j].Kind == Kind.Text && lines[j].Chunks.Count(c => c.IsDash && ColumnOf(columns, c, exact: true) >= 0) >= 2)
            {
                last = j;
            }
            else if (lines[j].Kind == Kind.Text && lines[j].Chunks.Any(c => c.End > labelEnd + 1))
            {
                break;
            }
        }

        var end = last;
        while (end + 1 < lines.Length && lines[end + 1].Kind == Kind.Underline)
        {
            end++;
        }

        var titles = new List<string>();
        var rows = new List<RawRow>();
        var pending = new List<int>();
        var sawColumns = false;
        for (var j = top; j <= end; j++)
        {
            var line = lines[j];
            if (line.Kind != Kind.Text)
            {
                Flush(text, lines, pending, rows, null);
                continue;
            }

            // A heading centred over the columns may start left of them; a label may run into them.
            var inColumns = line.Chunks.Where(c => c.End > labelEnd + 1 && (c.Start >= labelEnd - 1 || c.IsFigure || (j < first && !line.HasFigures && (c.Start + c.End >= 2 * labelEnd || (c.End > labelEnd + 4 && PeriodHeading().IsMatch(c.Text)))))).ToList();
            if (inColumns.Count == 0)
            {
                if (!sawColumns && j < first)
                {
                    titles.Add(Clean(text[j]));
                }
                else
                {
                    pending.Add(j);
                }

                continue;
            }

            if (!line.HasFigures && j < first)
            {
                // A heading line: a single phrase across every column is a title ("For the Years Ended December 31").
                var widened = inColumns.Select(c => Widen(text, lines, j, end, labelEnd, c)).ToList();
                var spans = widened.Select(w => Overlapped(columns, w)).ToList();
                if (inColumns.Count == 1 && line.Chunks.Count == 1 && widened[0] == (inColumns[0].Start, inColumns[0].End))
                {
                    // The only heading on its line, with no underline to say which columns it covers: all of them.
                    spans[0] = Enumerable.Range(0, columns.Count).ToList();
                }

                // A period over every column ("Three Months Ended", "June 30,") is a heading of each of them.
                var period = PeriodHeading().IsMatch(inColumns[0].Text) && inColumns[0].Text.Count(ch => ch == ' ') < 6;
                if (!sawColumns && inColumns.Count == 1 && line.Chunks.Count == 1 && !period
                    && ((spans[0].Count == columns.Count && columns.Count > 1) || spans[0].Count == 0 || (spans[0].Count >= 3 && inColumns[0].Text.Count(ch => ch == ' ') >= 3)))
                {
                    titles.Add(Clean(text[j]));
                    continue;
                }

                Flush(text, lines, pending, rows, null);
                sawColumns = true;
                var cells = EmptyCells(columns.Count, j);
                foreach (var c in line.Chunks.Except(inColumns))
                {
                    Put(cells, 0, c, j);
                }

                var covered = new HashSet<int>();
                for (var x = 0; x < inColumns.Count; x++)
                {
                    var targets = spans[x].Count > 0 ? spans[x] : [Nearest(columns, inColumns[x])];
                    foreach (var t in targets)
                    {
                        Put(cells, t + 1, inColumns[x], j);
                        covered.Add(t);
                    }
                }

                // Periods centred over groups of columns ("Jun 30, 2003" over its USD, JPY and % columns), with no
                // underline to show each group's width: a column under none of them belongs to the nearest.
                if (inColumns.Count >= 2 && inColumns.All(c => PeriodHeading().IsMatch(c.Text)))
                {
                    for (var t = 0; t < columns.Count; t++)
                    {
                        if (!covered.Contains(t))
                        {
                            var middle = (columns[t].Left + columns[t].Right) / 2.0;
                            Put(cells, t + 1, inColumns.MinBy(c => Math.Abs(((c.Start + c.End) / 2.0) - middle))!, j);
                        }
                    }
                }

                rows.Add(new RawRow(cells, j + 1));
                continue;
            }

            sawColumns = true;
            var row = EmptyCells(columns.Count, j);
            var labelChunks = new List<Chunk>();
            foreach (var c in line.Chunks)
            {
                var k = c.IsFigure || c.IsDash ? ColumnOf(columns, c, exact: false) : -1;
                if (k < 0 && c.End > labelEnd + 1 && !(c.Start < labelEnd - 1))
                {
                    k = Overlapped(columns, (c.Start, c.End)) is { Count: > 0 } o ? o[0] : Nearest(columns, c);
                }

                if (k < 0 && (c.IsFigure || c.IsDash) && c.Start >= labelEnd - 1)
                {
                    // A figure between columns that lines up with none of them is left out rather than guessed.
                    continue;
                }

                if (k < 0)
                {
                    labelChunks.Add(c);
                }
                else
                {
                    Put(row, k + 1, c, j);
                }
            }

            Flush(text, lines, pending, rows, (j, labelChunks, row));
        }

        Flush(text, lines, pending, rows, null);
        return rows.Count(r => r.Cells.Skip(1).Any(c => FigureParser.Parse(c.Text) is not null)) >= 2 ? new Block(top, end, titles, rows) : null;
    }

    /// <summary>
    /// Emits the label-only lines waiting in <paramref name="pending"/>: those that continue into the next label (a
    /// wrapped label: the next line is indented further, starts in lower case, or this one ends with "of", "and", a
    /// comma) are joined to it; the others are section headings.
    /// </summary>
    private static void Flush(IReadOnlyList<string> text, Line[] lines, List<int> pending, List<RawRow> rows, (int Line, List<Chunk> Label, RawCell[] Cells)? figures)
    {
        var labels = pending.Select(p => (Line: p, Text: Clean(text[p]), lines[p].Indent)).ToList();
        if (figures is { } f)
        {
            var own = string.Join(' ', f.Label.Select(c => c.Text)).Trim();
            labels.Add((f.Line, own, f.Label.Count > 0 ? f.Label[0].Start : int.MaxValue));
        }

        var group = new List<(int Line, string Text, int Indent)>();
        for (var i = 0; i < labels.Count; i++)
        {
            group.Add(labels[i]);
            var isLast = i == labels.Count - 1;
            if (!isLast && Continues(group[^1], labels[i + 1]))
            {
                continue;
            }

            var label = string.Join(' ', group.Select(g => g.Text).Where(t => t.Length > 0));
            var at = group[0];
            if (isLast && figures is { } g2)
            {
                g2.Cells[0] = new RawCell(label, at.Line + 1, at.Indent == int.MaxValue ? 1 : at.Indent + 1);
                rows.Add(new RawRow(g2.Cells, g2.Line + 1));
            }
            else
            {
                var cells = EmptyCells(rows.Count > 0 ? rows[^1].Cells.Count - 1 : 0, at.Line);
                cells[0] = new RawCell(label, at.Line + 1, at.Indent + 1);
                rows.Add(new RawRow(cells, at.Line + 1));
            }

            group.Clear();
        }

        pending.Clear();
    }

    private static bool Continues((int Line, string Text, int Indent) a, (int Line, string Text, int Indent) b)
    {
        if (b.Text.Length == 0)
        {
            return true;
        }

        var t = a.Text.TrimEnd();
        if (t.EndsWith(':') || t.EndsWith("--", StringComparison.Ordinal) || t.EndsWith('—'))
        {
            return false;
        }

        if (char.IsLower(b.Text[0]) || Unfinished().IsMatch(t))
        {
            return true;
        }

        static bool Caps(string s) => s.Any(char.IsLetter) && !s.Any(char.IsLower);
        if (Caps(t) && !Caps(b.Text))
        {
            return false;
        }

        return b.Indent > a.Indent && !b.Text.StartsWith("Total", StringComparison.OrdinalIgnoreCase) && !b.Text.StartsWith("Less", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Columns from the figures' right edges: figures whose edges line up (within two characters) on different rows.</summary>
    private static List<Column> FindColumns(Line[] lines, int first, int last)
    {
        var chunks = new List<(int Line, Chunk Chunk)>();
        var dashes = new List<(int Line, Chunk Chunk)>();
        for (var i = first; i <= last; i++)
        {
            if (lines[i].HasFigures)
            {
                chunks.AddRange(lines[i].Chunks.Where(c => c.Tabular && c.IsFigure && !c.IsDash).Select(c => (i, c)));
                dashes.AddRange(lines[i].Chunks.Where(c => c.Tabular && c.IsDash).Select(c => (i, c)));
            }
        }

        var columns = Cluster(chunks, dashesOnly: false);

        // A column with nothing but dashes ("--" under a heading on every row) is a column too, where no other is.
        var dashColumns = Cluster(dashes.Where(d => ColumnOf(columns, d.Chunk, exact: true) < 0).ToList(), dashesOnly: true);
        columns.AddRange(dashColumns.Where(d => !columns.Any(c => c.Left < d.Right + 1 && d.Left < c.Right + 1)));
        return columns.OrderBy(c => c.Anchor).ToList();
    }

    private static List<Column> Cluster(List<(int Line, Chunk Chunk)> chunks, bool dashesOnly)
    {
        var clusters = new List<Column>();
        foreach (var (line, c) in chunks.OrderBy(x => x.Chunk.Anchor))
        {
            var open = clusters.Count > 0 ? clusters[^1] : null;
            if (open is not null && !open.Lines.Contains(line) && c.Anchor - open.Anchor <= 2)
            {
                open.Lines.Add(line);
                open.Left = Math.Min(open.Left, c.Start);
                open.Right = Math.Max(open.Right, c.End);
                open.Anchor = c.Anchor;
                continue;
            }

            var fresh = new Column(c.Start, c.End, c.Anchor) { DashesOnly = dashesOnly };
            fresh.Lines.Add(line);
            clusters.Add(fresh);
        }

        var columns = clusters.Where(c => c.Lines.Count >= 2).ToList();

        // Columns must not overlap: a cluster inside another's span (figures misaligned by more than two) joins it
        // when they share no row.
        for (var i = columns.Count - 1; i > 0; i--)
        {
            var (a, b) = (columns[i - 1], columns[i]);
            if (a.Right > b.Left && !a.Lines.Overlaps(b.Lines))
            {
                a.Lines.UnionWith(b.Lines);
                a.Left = Math.Min(a.Left, b.Left);
                a.Right = Math.Max(a.Right, b.Right);
                a.Anchor = b.Anchor;
                columns.RemoveAt(i);
            }
        }

        return columns;
    }

    /// <summary>The column a figure belongs to: its right edge on the column's, or (not exact) inside its span.</summary>
    private static int ColumnOf(List<Column> columns, Chunk c, bool exact)
    {
        for (var k = 0; k < columns.Count; k++)
        {
            if (Math.Abs(c.Anchor - columns[k].Anchor) <= 2 && c.Anchor > columns[k].Left)
            {
                return k;
            }
        }

        if (exact)
        {
            return -1;
        }

        for (var k = 0; k < columns.Count; k++)
        {
            if (c.Anchor > columns[k].Left && c.Start < columns[k].Right && (k + 1 == columns.Count || c.Anchor <= columns[k + 1].Left))
            {
                return k;
            }
        }

        return -1;
    }

    private static List<int> Overlapped(List<Column> columns, (int Start, int End) extent) =>
        Enumerable.Range(0, columns.Count).Where(k => extent.Start < columns[k].Right && extent.End > columns[k].Left).ToList();

    private static int Nearest(List<Column> columns, Chunk c)
    {
        var middle = (c.Start + c.End) / 2.0;
        return Enumerable.Range(0, columns.Count).MinBy(k => Math.Abs(((columns[k].Left + columns[k].Right) / 2.0) - middle));
    }

    /// <summary>A heading over an underline ("1993" over "--------------") covers the columns the underline covers.</summary>
    private static (int Start, int End) Widen(IReadOnlyList<string> text, Line[] lines, int j, int end, int labelEnd, Chunk c)
    {
        var u = j + 1;
        while (u <= end && lines[u].Kind == Kind.Blank)
        {
            u++;
        }

        if (u > end || lines[u].Kind != Kind.Underline)
        {
            return (c.Start, c.End);
        }

        // The run of dashes (single spaces allowed inside) under the middle of the heading.
        var s = text[u];
        var middle = (c.Start + c.End - 1) / 2;
        if (middle >= s.Length || s[middle] == ' ')
        {
            return (c.Start, c.End);
        }

        var (a, b) = (middle, middle);
        while (a > 0 && (s[a - 1] != ' ' || (a > 1 && s[a - 2] != ' ')))
        {
            a--;
        }

        while (b + 1 < s.Length && (s[b + 1] != ' ' || (b + 2 < s.Length && s[b + 2] != ' ')))
        {
            b++;
        }

        // Not a rule across the whole table, and not one under the neighbouring headings too.
        return a < labelEnd / 2 || lines[j].Chunks.Any(o => o != c && o.Start <= b && o.End > a) ? (c.Start, c.End) : (Math.Min(a, c.Start), Math.Max(b + 1, c.End));
    }

    private static RawCell[] EmptyCells(int columns, int line)
    {
        var cells = new RawCell[columns + 1];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = new RawCell("", line + 1, 0);
        }

        return cells;
    }

    private static void Put(RawCell[] cells, int k, Chunk c, int line) =>
        cells[k] = cells[k].Text.Length == 0 ? new RawCell(c.Text, line + 1, c.Start + 1) : cells[k] with { Text = cells[k].Text + " " + c.Text };

    private static string Clean(string line) => DotLeader().Replace(line, " ").Trim();
}
