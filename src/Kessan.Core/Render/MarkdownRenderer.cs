using System.Text;
using Kessan.Build;

namespace Kessan.Render;

/// <summary>
/// GitHub-flavoured Markdown: each table under its title, numbers right-aligned. Markdown has one header row, so the
/// last header row of a table is the header and the rows above it open the body in bold.
/// </summary>
public static class MarkdownRenderer
{
    public static string Render(ReleaseDocument document) => Render(document, ReleaseFrame.Empty);

    /// <summary>The whole release: masthead, headline, dateline, then the blocks, each followed by the footnotes it marks.</summary>
    public static string Render(ReleaseDocument document, ReleaseFrame frame)
    {
        var sb = new StringBuilder();
        if (frame.Masthead.Count > 0)
        {
            sb.AppendJoin("  \n", frame.Masthead).Append("\n\n");
        }

        if (frame.Contacts.Count > 0)
        {
            sb.Append("**").AppendJoin("  \n", frame.Contacts).Append("**\n\n");
        }

        sb.Append("# ").Append(Escape(frame.Headline ?? document.Company)).Append("\n\n");
        if (frame.Subheadline is { } sub)
        {
            sb.Append('*').Append(sub).Append("*\n\n");
        }

        if (frame.Dateline is { } dateline)
        {
            sb.Append(dateline).Append("\n\n");
        }

        var footnotes = ReleaseFrameLoader.Placement(document, frame);
        foreach (var block in document.Blocks)
        {
            var id = block is RenderedTable t ? t.Id : ((RenderedText)block).Id;
            sb.Append("<a id=\"").Append(HtmlRenderer.Anchor(id)).Append("\"></a>\n\n");
            if (block is RenderedText text)
            {
                foreach (var paragraph in text.Paragraphs)
                {
                    sb.Append(Links(paragraph)).Append("\n\n");
                }

                AppendFootnotes(sb, footnotes, id);
                continue;
            }

            var table = (RenderedTable)block;
            var titleLines = table.Title.Where(l => l.Trim().Length > 0).ToList();
            for (var i = 0; i < titleLines.Count; i++)
            {
                sb.Append(i == 0 ? "## " : "").Append(Escape(titleLines[i])).Append(i == 0 ? "\n\n" : "  \n");
            }

            if (titleLines.Count > 1)
            {
                sb.Append('\n');
            }

            var width = table.ColumnCount + 1;
            sb.Append("| ").AppendJoin(" | ", HeaderCells(table.Header, width).Select(Escape)).Append(" |\n");
            sb.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", width - 1))).Append('\n');
            foreach (var row in table.Rows)
            {
                var label = row.IsHeading ? $"**{Escape(row.Label)}**" : Escape(row.Label);
                sb.Append("| ").Append(label);
                foreach (var cell in row.Cells)
                {
                    sb.Append(" | ").Append(Escape(cell.Text));
                }

                sb.Append(" |\n");
            }

            foreach (var note in table.Notes)
            {
                sb.Append('\n').Append(Links(Escape(note))).Append('\n');
            }

            sb.Append('\n');
            AppendFootnotes(sb, footnotes, table.Id);
        }

        return sb.ToString();
    }

    private static void AppendFootnotes(StringBuilder sb, IReadOnlyDictionary<string, IReadOnlyList<Footnote>> footnotes, string id)
    {
        foreach (var note in footnotes.GetValueOrDefault(id) ?? [])
        {
            sb.Append(note.Marker).Append(' ').Append(Links(note.Text)).Append("\n\n");
        }
    }

    /// <summary>A link to a block points at the anchor written before it.</summary>
    private static string Links(string markdown) =>
        ReleaseFrameLoader.Link().Replace(markdown, m => $"[{m.Groups["text"].Value}](#{HtmlRenderer.Anchor(m.Groups["id"].Value)})");

    /// <summary>
    /// Markdown has one header row: each column's heading joins its cells of every header row, an upper cell standing
    /// for the empty cells after it ("Jun 30, 2003" over "USD (1)" and "JPY" gives "Jun 30, 2003 USD (1)" and
    /// "Jun 30, 2003 JPY").
    /// </summary>
    private static List<string> HeaderCells(IReadOnlyList<IReadOnlyList<string>> header, int width)
    {
        var columns = Enumerable.Range(0, width).Select(_ => new List<string>()).ToList();
        for (var h = 0; h < header.Count; h++)
        {
            var row = Pad(header[h], width);
            var spanning = h < header.Count - 1;
            var carried = "";
            for (var c = 0; c < width; c++)
            {
                var text = row[c].Trim();
                if (text.Length > 0)
                {
                    carried = spanning && c > 0 ? text : "";
                    columns[c].Add(text);
                }
                else if (carried.Length > 0)
                {
                    columns[c].Add(carried);
                }
            }
        }

        return columns.Select(parts => string.Join(" ", parts)).ToList();
    }

    private static IReadOnlyList<string> Pad(IReadOnlyList<string> cells, int width) =>
        cells.Concat(Enumerable.Repeat("", Math.Max(0, width - cells.Count))).Take(width).ToList();

    private static string Escape(string text) => text.Replace("\\$", "$", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal);
}
