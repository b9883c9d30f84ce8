using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Kessan.Verify.Reading;

/// <summary>Reads an HTML release with a real HTML parser: &lt;table&gt; rows and cells (colspan and rowspan expanded), and paragraphs.</summary>
public static class HtmlReleaseReader
{
    public static SourceDocument Read(string path, string text)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var doc = parser.ParseDocument(text);
        var at = new LineIndex(text);
        var tables = new List<RawTable>();
        var texts = new List<(string Text, int Line)>();
        var recent = new List<string>();
        var body = (IElement?)doc.Body ?? doc.DocumentElement;
        var layout = new Dictionary<IElement, bool>();
        bool IsLayout(IElement table)
        {
            if (!layout.TryGetValue(table, out var frame))
            {
                // A table with a table inside it: a frame for the page, not a table of figures.
                frame = table.Descendants<IElement>().Any(d => d.LocalName == "table");
                layout[table] = frame;
            }

            return frame;
        }

        foreach (var el in body.Descendants<IElement>())
        {
            var tag = el.LocalName;
            if (tag == "table")
            {
                // A table that holds tables lays out the page (a 決算短信 puts each of its tables in a cell of one): the
                // tables inside it are read, each on its own, and the text around them as paragraphs.
                if (IsLayout(el))
                {
                    continue;
                }

                var rows = new List<RawRow>();

                // How many more rows each column is covered by a cell above it (rowspan): those places are left empty.
                var covered = new List<int>();
                foreach (var tr in el.QuerySelectorAll("tr").Where(r => r.Closest("table") == el))
                {
                    var cells = new List<RawCell>();
                    var trLine = at.Of(tr).Line;
                    void SkipCovered()
                    {
                        while (cells.Count < covered.Count && covered[cells.Count] > 0)
                        {
                            covered[cells.Count]--;
                            cells.Add(new RawCell("", trLine, 0));
                        }
                    }

                    foreach (var cell in tr.Children.Where(c => c.LocalName is "td" or "th"))
                    {
                        SkipCovered();
                        var (line, column) = at.Of(cell);
                        var content = Normalize(cell.TextContent);
                        var span = int.TryParse(cell.GetAttribute("colspan"), out var c) ? Math.Clamp(c, 1, 50) : 1;
                        var down = int.TryParse(cell.GetAttribute("rowspan"), out var r) ? Math.Clamp(r, 1, 200) : 1;
                        for (var k = 0; k < span; k++)
                        {
                            while (covered.Count <= cells.Count)
                            {
                                covered.Add(0);
                            }

                            covered[cells.Count] = down - 1;
                            cells.Add(k == 0 ? new RawCell(content, line, column) { Span = span } : new RawCell("", line, column));
                        }
                    }

                    // Columns at the end of the row covered from above.
                    while (covered.Skip(cells.Count).Any(n => n > 0))
                    {
                        SkipCovered();
                        if (cells.Count < covered.Count && covered[cells.Count] == 0)
                        {
                            cells.Add(new RawCell("", trLine, 0));
                        }
                    }

                    rows.Add(new RawRow(cells, trLine));
                }

                var caption = el.QuerySelector("caption")?.TextContent;
                var context = new List<string>();
                if (caption is not null)
                {
                    context.Add(Normalize(caption));
                }

                context.AddRange(Enumerable.Reverse(recent).Take(4));
                tables.Add(new RawTable(tables.Count + 1, context, rows));
                recent.Clear();

                // A short table of words alone ("（１）連結経営成績（累計） | （％表示は、対前年同四半期増減率）", as 決算短信
                // lay out their headings) is the heading of the table after it.
                var words = string.Join(' ', rows.SelectMany(r => r.Cells).Select(c => c.Text).Where(t => t.Length > 0));
                if (rows.Count is > 0 and <= 2 && words.Length is > 0 and < 160 && !words.Any(char.IsAsciiDigit))
                {
                    recent.Add(words);
                }
            }
            else if (tag is "p" or "li" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" || (tag == "div" && !el.Descendants<IElement>().Any(d => d.LocalName is "div" or "p" or "li" or "table")))
            {
                // A div holding only text (no block inside) is a paragraph: filings written by tools use no <p>.
                if (el.Ancestors<IElement>().Any(a => a.LocalName is "p" or "li") || el.Ancestors<IElement>().FirstOrDefault(a => a.LocalName == "table") is { } inTable && !IsLayout(inTable))
                {
                    continue;
                }

                var content = Normalize(el.TextContent);
                if (content.Length > 0)
                {
                    recent.Add(content.Length > 400 ? content[..400] : content);
                    texts.Add((content, at.Of(el).Line));
                }
            }
        }

        return new SourceDocument(path, tables, texts.Select(t => new Paragraph(t.Text, [new TextSpan(0, t.Line, 1)])).ToList());
    }

    /// <summary>
    /// Line and column of an element, counted from its offset in the source: the parser's own line and column are
    /// 16-bit and wrap past 65,535 (a filing often holds its whole body on one line of a megabyte).
    /// </summary>
    private sealed class LineIndex(string text)
    {
        private readonly List<int> _starts = Starts(text);

        private static List<int> Starts(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }

        public (int Line, int Column) Of(IElement element)
        {
            if (element.SourceReference?.Position is not { } p)
            {
                return (0, 0);
            }

            var offset = Math.Max(0, p.Position - 1);
            var line = _starts.BinarySearch(offset);
            line = line >= 0 ? line : ~line - 1;
            return (line + 1, offset - _starts[line] + 1);
        }
    }

    private static string Normalize(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
