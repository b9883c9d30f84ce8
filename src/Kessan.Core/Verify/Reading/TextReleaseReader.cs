namespace Kessan.Verify.Reading;

/// <summary>
/// Reads a plain-text release in which tables are tab-separated lines (as releases copied from PDF or Word look):
/// consecutive lines containing a tab form one table; the non-empty lines just above it are its title context.
/// </summary>
public static partial class TextReleaseReader
{
    private const int ContextLines = 4;

    public static SourceDocument Read(string path, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        var tables = new List<RawTable>();
        var texts = new List<(string Text, int Line)>();
        var tabbed = TabTableLines(lines);
        var spaced = SpacedTableReader.Find(lines, i => tabbed[i]).ToDictionary(b => b.Start);
        var i0 = 0;
        var lastTableEnd = -1;
        while (i0 < lines.Length)
        {
            if (spaced.TryGetValue(i0, out var block))
            {
                var above = ContextAbove(lines, block.Start, lastTableEnd);
                var titles = Enumerable.Reverse(block.Titles).Where(t => t.Length > 0).Select(t => t.Length > 400 ? t[..400] : t);
                tables.Add(new RawTable(tables.Count + 1, titles.Concat(above).Take(ContextLines + 2).ToList(), block.Rows));
                lastTableEnd = block.End;
                i0 = block.End + 1;
                continue;
            }

            if (!tabbed[i0])
            {
                if (lines[i0].Trim().Length > 0 && !IsMarkup(lines[i0].Trim()))
                {
                    texts.Add((lines[i0], i0 + 1));
                }

                i0++;
                continue;
            }

            var start = i0;
            var rows = new List<RawRow>();
            while (i0 < lines.Length && tabbed[i0])
            {
                rows.Add(new RawRow(SplitCells(lines[i0], i0 + 1), i0 + 1));
                i0++;
            }

            tables.Add(new RawTable(tables.Count + 1, ContextAbove(lines, start, lastTableEnd), rows));
            lastTableEnd = i0 - 1;
        }

        return new SourceDocument(path, tables, IsHardWrapped(texts, EdgarTableLines(lines)) ? WrappedParagraphs(texts) : BuildParagraphs(texts));
    }

    /// <summary>The lines between an EDGAR &lt;TABLE&gt; and &lt;/TABLE&gt; (1-based): table layout, however wide, not running text.</summary>
    private static HashSet<int> EdgarTableLines(string[] lines)
    {
        var result = new HashSet<int>();
        var inside = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart();
            if (t.StartsWith("<TABLE", StringComparison.OrdinalIgnoreCase))
            {
                inside = true;
            }

            if (inside)
            {
                result.Add(i + 1);
            }

            if (t.StartsWith("</TABLE", StringComparison.OrdinalIgnoreCase))
            {
                inside = false;
            }
        }

        return result;
    }

    /// <summary>
    /// Lines of tab-separated tables: those containing a tab, and a short line without tabs between two of them
    /// ("Cost of Revenues:"), a section heading of the table.
    /// </summary>
    private static bool[] TabTableLines(string[] lines)
    {
        var tabbed = new bool[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            tabbed[i] = lines[i].Contains('\t')
                || (i > 0 && tabbed[i - 1] && i + 1 < lines.Length && lines[i + 1].Contains('\t') && lines[i].Trim().Length is > 0 and < 100);
        }

        return tabbed;
    }

    /// <summary>The non-empty lines just above a table (nearest first), back to the previous table; EDGAR markers and rules left out.</summary>
    private static List<string> ContextAbove(string[] lines, int start, int lastTableEnd)
    {
        var context = new List<string>();
        for (var j = start - 1; j > lastTableEnd && context.Count < ContextLines; j--)
        {
            var t = lines[j].Trim();
            if (t.Length > 0 && !IsMarkup(t))
            {
                context.Add(t.Length > 400 ? t[..400] : t);
            }
        }

        return context;
    }

    private static bool IsMarkup(string t) =>
        t.All(c => c is '-' or '=' or '_' or ' ') || EdgarMarker().IsMatch(t);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:</?(?:TABLE|CAPTION|S|C|FN|PAGE)>\s*)+(?:\d+)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex EdgarMarker();

    private static List<RawCell> SplitCells(string line, int lineNumber)
    {
        var cells = new List<RawCell>();
        var offset = 0;
        foreach (var part in line.Split('\t'))
        {
            var lead = part.Length - part.TrimStart().Length;
            cells.Add(new RawCell(part.Trim(), lineNumber, offset + lead + 1));
            offset += part.Length + 1;
        }

        return cells;
    }

    /// <summary>
    /// Text typed to a fixed width (EDGAR's 80 columns): every line of running text is short. The lines of an EDGAR
    /// table block the table reader did not take (a list of officers laid out in columns) are no running text.
    /// </summary>
    private static bool IsHardWrapped(IReadOnlyList<(string Text, int Line)> texts, HashSet<int> tableLines) =>
        texts.Count(t => !tableLines.Contains(t.Line)) >= 10 && texts.All(t => t.Text.Length <= 100 || tableLines.Contains(t.Line));

    /// <summary>
    /// Paragraphs of fixed-width text: the lines up to a blank line, joined, with the runs of spaces of justified
    /// text made single (each run's end keeps its place in the line for the findings' columns).
    /// </summary>
    private static List<Paragraph> WrappedParagraphs(IReadOnlyList<(string Text, int Line)> texts)
    {
        var result = new List<Paragraph>();
        var text = new System.Text.StringBuilder();
        var spans = new List<TextSpan>();
        for (var i = 0; i < texts.Count; i++)
        {
            var line = texts[i].Text;
            var k = line.Length - line.TrimStart().Length;
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            spans.Add(new TextSpan(text.Length, texts[i].Line, k + 1));
            var end = line.TrimEnd().Length;
            while (k < end)
            {
                if (line[k] == ' ' && k + 1 < end && line[k + 1] == ' ')
                {
                    while (line[k + 1] == ' ')
                    {
                        k++;
                    }

                    text.Append(' ');
                    spans.Add(new TextSpan(text.Length, texts[i].Line, k + 2));
                    k++;
                    continue;
                }

                text.Append(line[k]);
                k++;
            }

            if (i + 1 == texts.Count || texts[i + 1].Line != texts[i].Line + 1)
            {
                result.Add(new Paragraph(text.ToString(), spans.ToList()));
                text.Clear();
                spans.Clear();
            }
        }

        return result;
    }

    /// <summary>
    /// One paragraph per line, except that a sentence broken by a page break (a paragraph ending without
    /// punctuation, then footnotes, then a paragraph starting in lower case) is joined back together.
    /// </summary>
    internal static List<Paragraph> BuildParagraphs(IReadOnlyList<(string Text, int Line)> texts)
    {
        var result = new List<Paragraph>();
        var used = new bool[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            var spans = new List<TextSpan> { new(0, texts[i].Line, 1) };
            var text = texts[i].Text;
            var trimmed = text.TrimEnd();
            if (trimmed.Length > 60 && !EndsSentence(trimmed))
            {
                for (var j = i + 1; j < Math.Min(texts.Count, i + 5); j++)
                {
                    var next = texts[j].Text.TrimStart();
                    if (next.Length > 0 && char.IsLower(next[0]))
                    {
                        spans.Add(new TextSpan(trimmed.Length + 1, texts[j].Line, 1 + texts[j].Text.Length - next.Length));
                        text = trimmed + " " + next;
                        used[j] = true;
                        break;
                    }
                }
            }

            result.Add(new Paragraph(text, spans));
        }

        return result;
    }

    private static bool EndsSentence(string s) => s[^1] is '.' or '!' or '?' or ':' or '”' or '"' or ')' or '*';
}
