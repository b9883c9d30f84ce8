using System.Text;
using Kessan.Build;

namespace Kessan.Render;

/// <summary>
/// GitHub-flavoured Markdown: each table under its title, numbers right-aligned. Markdown has one header row, so the
/// last header row of a table is the header and the rows above it open the body in bold.
/// </summary>
public static class MarkdownRenderer
{
    public static string Render(ReleaseDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(document.Company)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            if (block is RenderedText text)
            {
                foreach (var paragraph in text.Paragraphs)
                {
                    sb.Append(paragraph).Append("\n\n");
                }

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
            var header = table.Header.Count > 0 ? Pad(table.Header[^1], width) : ["", .. Enumerable.Repeat("", width - 1)];
            sb.Append("| ").AppendJoin(" | ", header.Select(Escape)).Append(" |\n");
            sb.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", width - 1))).Append('\n');
            foreach (var extra in table.Header.Take(Math.Max(0, table.Header.Count - 1)))
            {
                sb.Append("| ").AppendJoin(" | ", Pad(extra, width).Select(c => c.Trim().Length == 0 ? "" : $"**{Escape(c.Trim())}**")).Append(" |\n");
            }

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
                sb.Append('\n').Append(Escape(note)).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static IReadOnlyList<string> Pad(IReadOnlyList<string> cells, int width) =>
        cells.Concat(Enumerable.Repeat("", Math.Max(0, width - cells.Count))).Take(width).ToList();

    private static string Escape(string text) => text.Replace("\\$", "$", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal);
}
