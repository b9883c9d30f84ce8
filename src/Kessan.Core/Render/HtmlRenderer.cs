using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Definitions;

namespace Kessan.Render;

/// <summary>
/// How a page is written: with the definition, totals and subtotals are styled by their role in the calculations;
/// <paramref name="Xhtml"/> writes well-formed XHTML (for Inline XBRL), whose root element may carry
/// <paramref name="RootAttributes"/> and whose body opens with <paramref name="HiddenHeader"/>; <paramref name="Figure"/>
/// may replace a cell's escaped text (table, row, column) with other markup, such as a tagged figure.
/// </summary>
public sealed record HtmlOptions(
    ReleaseDefinition? Definition = null,
    bool Xhtml = false,
    string RootAttributes = "",
    string? HiddenHeader = null,
    Func<RenderedTable, int, int, string?>? Figure = null,
    ReleaseFrame? Frame = null);

/// <summary>One self-contained, print-friendly HTML page: no scripts, no external files, tables that avoid page breaks.</summary>
public static partial class HtmlRenderer
{
    private const string Style = """
        body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 15pt; margin-bottom: 1.5rem; }
        h2 { font-size: 12pt; margin: 1.5rem 0 .5rem; }
        .text p, .text li { line-height: 1.45; max-width: 48rem; }
        section, div.section { margin: 0 0 2rem; break-inside: avoid; page-break-inside: avoid; }
        .title { font-weight: 600; margin: 0; }
        .title + .title { font-weight: 400; }
        table { border-collapse: collapse; width: 100%; margin-top: .5rem; font-variant-numeric: tabular-nums; }
        th, td { padding: .15rem .45rem; border-bottom: 1px solid #ddd; }
        th { font-weight: 600; text-align: right; border-bottom: 1px solid #888; vertical-align: bottom; }
        th:first-child, td:first-child { text-align: left; }
        th.span { text-align: center; }
        td { text-align: right; white-space: nowrap; }
        tr.heading td { font-weight: 600; border-bottom: none; padding-top: .5rem; }
        tr.total td { font-weight: 600; }
        p.note { font-size: 9pt; color: #444; margin: .4rem 0 0; }
        .masthead { display: flex; justify-content: space-between; gap: 2rem; font-size: 9.5pt; margin-bottom: 1.5rem; }
        .masthead .contacts { font-weight: 600; text-align: right; }
        .masthead p { margin: 0; }
        p.subheadline { font-size: 11.5pt; font-style: italic; margin: -.75rem 0 1rem; }
        p.dateline { line-height: 1.45; }
        div.footnotes { border-top: 1px solid #bbb; margin: -1rem 0 2rem; padding-top: .3rem; }
        div.footnotes p { font-size: 8.5pt; color: #333; margin: .25rem 0; line-height: 1.35; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        @media (max-width: 60rem) { body { padding: 0 .5rem; } table { font-size: 8pt; } th, td { padding: .1rem .2rem; } th, td:first-child { white-space: normal; } }
        @media print {
          body { margin: 0; max-width: none; font-size: 9pt; padding: 0; }
          section, div.section { margin-bottom: 1rem; }
          table { font-size: 7.5pt; }
          th, td { padding: .08rem .22rem; }
          th { white-space: normal; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
        }
        """;

    public static string Render(ReleaseDocument document) => Render(document, new HtmlOptions());

    public static string Render(ReleaseDocument document, ReleaseDefinition definition) => Render(document, new HtmlOptions(definition));

    public static string Render(ReleaseDocument document, HtmlOptions options)
    {
        var sb = new StringBuilder();
        sb.Append(options.Xhtml
            ? $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"{options.RootAttributes} xml:lang=\"en\">\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>\n"
            : "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        var frame = options.Frame ?? ReleaseFrame.Empty;
        sb.Append("<title>").Append(E(frame.Headline ?? document.Company)).Append(options.Xhtml ? "</title>\n<style type=\"text/css\">\n" : "</title>\n<style>\n").Append(Style).Append('\n').Append(PageStyle(frame.RunningHeader ?? document.Company)).Append("\n</style>\n</head>\n<body>\n");
        if (options.HiddenHeader is { } hidden)
        {
            sb.Append("<div style=\"display:none\">\n").Append(hidden).Append("</div>\n");
        }

        if (frame.Masthead.Count + frame.Contacts.Count > 0)
        {
            sb.Append("<div class=\"masthead\">\n<div class=\"timing\">").Append(string.Concat(frame.Masthead.Select(l => $"<p>{Inline(l)}</p>")))
                .Append("</div>\n<div class=\"contacts\">").Append(string.Concat(frame.Contacts.Select(l => $"<p>{Inline(l)}</p>"))).Append("</div>\n</div>\n");
        }

        sb.Append("<h1>").Append(E(frame.Headline ?? document.Company)).Append("</h1>\n");
        if (frame.Subheadline is { } sub)
        {
            sb.Append("<p class=\"subheadline\">").Append(Inline(sub)).Append("</p>\n");
        }

        if (frame.Dateline is { } dateline)
        {
            sb.Append("<p class=\"dateline\">").Append(Inline(dateline)).Append("</p>\n");
        }

        var footnotes = ReleaseFrameLoader.Placement(document, frame);
        void AppendFootnotes(string id)
        {
            if (footnotes.GetValueOrDefault(id) is { Count: > 0 } notes)
            {
                sb.Append("<div class=\"footnotes\">\n");
                foreach (var note in notes)
                {
                    sb.Append("<p>").Append(E(note.Marker)).Append(' ').Append(Inline(note.Text)).Append("</p>\n");
                }

                sb.Append("</div>\n");
            }
        }

        foreach (var block in document.Blocks)
        {
            if (block is RenderedText text)
            {
                RenderText(sb, text);
                AppendFootnotes(text.Id);
                continue;
            }

            var table = (RenderedTable)block;
            sb.Append("<section id=\"").Append(E(Anchor(table.Id))).Append("\">\n");
            foreach (var line in table.Title.Where(l => l.Trim().Length > 0))
            {
                sb.Append("<p class=\"title\">").Append(E(line)).Append("</p>\n");
            }

            sb.Append("<table>\n<thead>\n");
            for (var h = 0; h < table.Header.Count; h++)
            {
                sb.Append("<tr>");
                var header = table.Header[h];
                var spanning = h < table.Header.Count - 1; // an upper header cell spans the empty cells after it
                for (var c = 0; c < header.Count; c++)
                {
                    var span = 1;
                    while (spanning && c > 0 && header[c].Length > 0 && c + span < header.Count && header[c + span].Length == 0)
                    {
                        span++;
                    }

                    sb.Append(span > 1 ? $"<th colspan=\"{span}\" class=\"span\">" : "<th>").Append(E(header[c])).Append("</th>");
                    c += span - 1;
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</thead>\n<tbody>\n");
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                var isTotal = options.Definition is { } definition && PublishedFigures.IsTotal(definition, table.Id, PublishedFigures.RowOf(definition, table.Id, r)?.Concept);
                sb.Append(row.IsHeading ? "<tr class=\"heading\">" : isTotal ? "<tr class=\"total\">" : "<tr>");
                sb.Append("<td>").Append(E(row.Label)).Append("</td>");
                for (var c = 0; c < row.Cells.Count; c++)
                {
                    var cell = row.Cells[c];
                    sb.Append(cell.Adjusted ? "<td data-rounding=\"adjusted\">" : "<td>").Append(options.Figure?.Invoke(table, r, c) ?? E(cell.Text)).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
            foreach (var note in table.Notes)
            {
                sb.Append("<p class=\"note\">").Append(Inline(note)).Append("</p>\n");
            }

            sb.Append("</section>\n");
            AppendFootnotes(table.Id);
        }

        sb.Append("</body>\n</html>\n");
        return options.Xhtml
            ? sb.ToString().Replace(" data-rounding=\"adjusted\"", " class=\"adjusted\"", StringComparison.Ordinal).Replace("<section class=\"text\"", "<div class=\"section text\"", StringComparison.Ordinal)
                .Replace("<section ", "<div class=\"section\" ", StringComparison.Ordinal).Replace("</section>", "</div>", StringComparison.Ordinal)
            : sb.ToString();
    }

    private static void RenderText(StringBuilder sb, RenderedText text)
    {
        sb.Append("<section class=\"text\" id=\"").Append(E(Anchor(text.Id))).Append("\">\n");
        foreach (var paragraph in text.Paragraphs)
        {
            var lines = paragraph.Split('\n');
            if (paragraph.StartsWith("## ", StringComparison.Ordinal))
            {
                sb.Append("<h2>").Append(Inline(paragraph[3..])).Append("</h2>\n");
            }
            else if (lines.All(l => l.StartsWith("- ", StringComparison.Ordinal)))
            {
                sb.Append("<ul>\n");
                foreach (var line in lines)
                {
                    sb.Append("<li>").Append(Inline(line[2..])).Append("</li>\n");
                }

                sb.Append("</ul>\n");
            }
            else
            {
                sb.Append("<p>").Append(Inline(paragraph)).Append("</p>\n");
            }
        }

        sb.Append("</section>\n");
    }

    /// <summary>
    /// The printed page: A4 with margins, the running header at the top of every page and "Page N of M" at the foot
    /// (CSS page-margin boxes, which Chromium prints).
    /// </summary>
    private static string PageStyle(string runningHeader) =>
        "@page { size: A4; margin: 16mm 12mm 16mm 12mm;\n" +
        $"  @top-center {{ content: \"{CssString(runningHeader)}\"; font-family: Arial, sans-serif; font-size: 8pt; color: #555; }}\n" +
        "  @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); font-family: Arial, sans-serif; font-size: 8pt; color: #555; } }";

    private static string CssString(string text) =>
        string.Concat(text.Select(c => c is '"' or '\\' ? "\\" + c : c < 0x20 || c > 0x7e ? $"\\{(int)c:x} " : c.ToString()));

    /// <summary>Authored Markdown inside a paragraph: escaped, with <c>**bold**</c> and links to blocks of the release.</summary>
    private static string Inline(string markdown)
    {
        var html = E(markdown);
        html = ReleaseFrameLoader.Link().Replace(html, m => $"<a href=\"#{Anchor(m.Groups["id"].Value)}\">{m.Groups["text"].Value}</a>");
        return Bold().Replace(html, "<strong>$1</strong>");
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    /// <summary>The id of a block in the page, a valid XML name (a table file named 01-revenues is t01-revenues).</summary>
    public static string Anchor(string id) => id.Length > 0 && (char.IsLetter(id[0]) || id[0] == '_') ? id : "t" + id;

    /// <summary>Text escaped for HTML and XHTML, without the Markdown escape of a dollar sign.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text.Replace("\\$", "$", StringComparison.Ordinal));
}
