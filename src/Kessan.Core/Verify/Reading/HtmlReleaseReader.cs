using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Kessan.Verify.Reading;

/// <summary>Reads an HTML release with a real HTML parser: &lt;table&gt; rows and cells (colspan expanded), and paragraphs.</summary>
public static class HtmlReleaseReader
{
    public static SourceDocument Read(string path, string text)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var doc = parser.ParseDocument(text);
        var tables = new List<RawTable>();
        var texts = new List<(string Text, int Line)>();
        var recent = new List<string>();
        var body = (IElement?)doc.Body ?? doc.DocumentElement;
        foreach (var el in body.Descendants<IElement>())
        {
            var tag = el.LocalName;
            if (tag == "table")
            {
                if (el.Ancestors<IElement>().Any(a => a.LocalName == "table"))
                {
                    continue;
                }

                var rows = new List<RawRow>();
                foreach (var tr in el.QuerySelectorAll("tr").Where(r => r.Closest("table") == el))
                {
                    var cells = new List<RawCell>();
                    foreach (var cell in tr.Children.Where(c => c.LocalName is "td" or "th"))
                    {
                        var pos = cell.SourceReference?.Position;
                        var content = Normalize(cell.TextContent);
                        var span = int.TryParse(cell.GetAttribute("colspan"), out var c) ? Math.Clamp(c, 1, 50) : 1;
                        cells.Add(new RawCell(content, pos?.Line ?? 0, pos?.Column ?? 0) { Span = span });
                        for (var k = 1; k < span; k++)
                        {
                            cells.Add(new RawCell("", pos?.Line ?? 0, pos?.Column ?? 0));
                        }
                    }

                    rows.Add(new RawRow(cells, tr.SourceReference?.Position.Line ?? 0));
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
            }
            else if (tag is "p" or "li" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                if (el.Ancestors<IElement>().Any(a => a.LocalName is "table" or "p" or "li"))
                {
                    continue;
                }

                var content = Normalize(el.TextContent);
                if (content.Length > 0)
                {
                    recent.Add(content.Length > 400 ? content[..400] : content);
                    texts.Add((content, el.SourceReference?.Position.Line ?? 0));
                }
            }
        }

        return new SourceDocument(path, tables, texts.Select(t => new Paragraph(t.Text, [new TextSpan(0, t.Line, 1)])).ToList());
    }

    private static string Normalize(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
