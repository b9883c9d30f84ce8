using System.Text;
using Kessan.Build;

namespace Kessan.Render;

/// <summary>
/// The release's own plain-text layout: the masthead, headline and dateline; then title lines, one line per row with
/// tab-separated cells, notes, blocks separated by blank lines, each block followed by the footnotes it marks. Plain
/// text carries no Markdown: no escapes, no emphasis, and a link reads as its text and the title of what it points at.
/// </summary>
public static class TextRenderer
{
    public static string Render(ReleaseDocument document) => Render(document, ReleaseFrame.Empty);

    public static string Render(ReleaseDocument document, ReleaseFrame frame)
    {
        var sb = new StringBuilder();
        string P(string text) => Plain(text, document);
        foreach (var group in new[] { frame.Masthead, frame.Contacts, [frame.Headline ?? ""], [frame.Subheadline ?? ""], [frame.Dateline ?? ""] })
        {
            var lines = group.Where(l => l.Length > 0).ToList();
            if (lines.Count > 0)
            {
                sb.AppendJoin('\n', lines.Select(P)).Append("\n\n");
            }
        }

        var footnotes = ReleaseFrameLoader.Placement(document, frame);
        foreach (var block in document.Blocks)
        {
            if (block is RenderedText text)
            {
                foreach (var paragraph in text.Paragraphs)
                {
                    sb.Append(P(paragraph.StartsWith("## ", StringComparison.Ordinal) ? paragraph[3..] : paragraph)).Append("\n\n");
                }

                AppendFootnotes(text.Id);
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
                sb.Append('\n').Append(P(note)).Append('\n');
            }

            sb.Append('\n');
            AppendFootnotes(table.Id);
        }

        void AppendFootnotes(string id)
        {
            foreach (var note in footnotes.GetValueOrDefault(id) ?? [])
            {
                sb.Append(note.Marker).Append(' ').Append(P(note.Text)).Append("\n\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Authored Markdown as plain text: <c>\$</c> is $, <c>**bold**</c> is bold, and <c>[the reconciliation](#09-adjusted-ebitda)</c>
    /// is "the reconciliation (Table 9. Adjusted EBITDA)".
    /// </summary>
    public static string Plain(string markdown, ReleaseDocument document)
    {
        var text = ReleaseFrameLoader.Link().Replace(markdown, m =>
        {
            var title = ReleaseFrameLoader.TitleOf(document, m.Groups["id"].Value);
            var text = m.Groups["text"].Value;
            return title is null || string.Equals(title, text, StringComparison.OrdinalIgnoreCase) ? text : $"{text} ({title})";
        });
        return text.Replace("\\$", "$", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal)
            .Replace("\\*", "*", StringComparison.Ordinal).Replace("\\_", "_", StringComparison.Ordinal);
    }
}
