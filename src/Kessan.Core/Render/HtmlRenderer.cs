using System.Net;
using System.Text;
using Kessan.Build;

namespace Kessan.Render;

/// <summary>One self-contained, print-friendly HTML page: no scripts, no external files, tables that avoid page breaks.</summary>
public static class HtmlRenderer
{
    private const string Style = """
        body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 15pt; margin-bottom: 1.5rem; }
        h2 { font-size: 12pt; margin: 1.5rem 0 .5rem; }
        section.text p, section.text li { line-height: 1.45; max-width: 48rem; }
        section { margin: 0 0 2rem; break-inside: avoid; page-break-inside: avoid; }
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
        @media print { body { margin: 0; max-width: none; font-size: 9pt; } section { margin-bottom: 1rem; } }
        """;

    public static string Render(ReleaseDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<title>").Append(E(document.Company)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(document.Company)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            if (block is RenderedText text)
            {
                RenderText(sb, text);
                continue;
            }

            var table = (RenderedTable)block;
            sb.Append("<section id=\"").Append(E(table.Id)).Append("\">\n");
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
            foreach (var row in table.Rows)
            {
                var isTotal = row.Label.StartsWith("Total", StringComparison.OrdinalIgnoreCase) || row.Label.StartsWith("Net ", StringComparison.Ordinal);
                sb.Append(row.IsHeading ? "<tr class=\"heading\">" : isTotal ? "<tr class=\"total\">" : "<tr>");
                sb.Append("<td>").Append(E(row.Label)).Append("</td>");
                foreach (var cell in row.Cells)
                {
                    sb.Append(cell.Adjusted ? "<td data-rounding=\"adjusted\">" : "<td>").Append(E(cell.Text)).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
            foreach (var note in table.Notes)
            {
                sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
            }

            sb.Append("</section>\n");
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void RenderText(StringBuilder sb, RenderedText text)
    {
        sb.Append("<section class=\"text\" id=\"").Append(E(text.Id)).Append("\">\n");
        foreach (var paragraph in text.Paragraphs)
        {
            var lines = paragraph.Split('\n');
            if (paragraph.StartsWith("## ", StringComparison.Ordinal))
            {
                sb.Append("<h2>").Append(E(paragraph[3..])).Append("</h2>\n");
            }
            else if (lines.All(l => l.StartsWith("- ", StringComparison.Ordinal)))
            {
                sb.Append("<ul>\n");
                foreach (var line in lines)
                {
                    sb.Append("<li>").Append(E(line[2..])).Append("</li>\n");
                }

                sb.Append("</ul>\n");
            }
            else
            {
                sb.Append("<p>").Append(E(paragraph)).Append("</p>\n");
            }
        }

        sb.Append("</section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text.Replace("\\$", "$", StringComparison.Ordinal));
}
