using System.Text;
using Kessan.Build;

namespace Kessan.Render;

/// <summary>
/// The release's own plain-text layout: title lines, then one line per row with tab-separated cells, then notes,
/// blocks separated by blank lines.
/// </summary>
public static class TextRenderer
{
    public static string Render(ReleaseDocument document)
    {
        var sb = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            if (block is RenderedText text)
            {
                foreach (var paragraph in text.Paragraphs)
                {
                    sb.Append(paragraph.StartsWith("## ", StringComparison.Ordinal) ? paragraph[3..] : paragraph).Append("\n\n");
                }

                continue;
            }

            var table = (RenderedTable)block;
            foreach (var line in table.Title)
            {
                sb.Append(line).Append('\n');
            }

            if (table.Title.Count > 0)
            {
                sb.Append('\n');
            }

            foreach (var header in table.Header)
            {
                sb.AppendJoin('\t', header).Append('\n');
            }

            foreach (var row in table.Rows)
            {
                sb.Append(row.Label);
                foreach (var cell in row.Cells)
                {
                    sb.Append('\t').Append(cell.Text);
                }

                sb.Append('\n');
            }

            foreach (var note in table.Notes)
            {
                sb.Append('\n').Append(note).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
