using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Kessan.Verify.Reading;

/// <summary>
/// Reads a Markdown release: pipe tables and HTML tables (an HTML block, read by the HTML reader) become tables,
/// headings and paragraphs become text; emphasis (<c>**1,234**</c>, <c>*5.2%*</c>, <c>__Total__</c>) is dropped.
/// </summary>
public static partial class MarkdownReleaseReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![*\w\\])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![*\w])|(?<![_\w])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![_\w])")]
    private static partial Regex Emphasis();

    /// <summary>The text without Markdown emphasis: "**Net income** rose to *$1.2 million*" is "Net income rose to $1.2 million".</summary>
    internal static string Plain(string text)
    {
        if (text.IndexOfAny(['*', '_']) < 0)
        {
            return text;
        }

        var s = Strong().Replace(text, "$2");
        return Emphasis().Replace(s, m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
    }

    public static SourceDocument Read(string path, string text)
    {
        var doc = Markdown.Parse(text, Pipeline);
        var tables = new List<RawTable>();
        var texts = new List<(string Text, int Line)>();
        var recent = new List<string>();
        foreach (var block in doc.Descendants<Block>())
        {
            switch (block)
            {
                case Table table:
                    var rows = new List<RawRow>();
                    foreach (var row in table.OfType<TableRow>())
                    {
                        var cells = new List<RawCell>();
                        foreach (var cell in row.OfType<TableCell>())
                        {
                            var raw = Slice(text, cell.Span);
                            var lead = raw.Length - raw.TrimStart().Length;
                            cells.Add(new RawCell(Plain(raw.Trim().Trim('|').Trim()), cell.Line + 1, cell.Column + lead + 1));
                        }

                        rows.Add(new RawRow(cells, row.Line + 1));
                    }

                    var context = Enumerable.Reverse(recent).Take(4).ToList();
                    tables.Add(new RawTable(tables.Count + 1, context, rows));
                    recent.Clear();
                    break;
                case HtmlBlock html when html.Parent is not TableCell:
                    var fragment = HtmlReleaseReader.Read(path, Slice(text, html.Span));
                    foreach (var t in fragment.Tables)
                    {
                        var shifted = Shift(t, html.Line);
                        var above = Enumerable.Reverse(recent).Take(4).Where(c => !t.Context.Contains(c));
                        tables.Add(shifted with { Number = tables.Count + 1, Context = t.Context.Concat(above).Take(6).ToList() });
                        recent.Clear();
                    }

                    foreach (var p in fragment.Paragraphs)
                    {
                        recent.Add(p.Text.Length > 400 ? p.Text[..400] : p.Text);
                        texts.Add((p.Text, p.Spans[0].Line + html.Line));
                    }

                    break;
                case HeadingBlock or ParagraphBlock when block.Parent is not TableCell:
                    var content = Plain(Slice(text, block.Span).Trim());
                    if (block is HeadingBlock)
                    {
                        content = content.TrimStart('#').Trim();
                    }

                    if (content.Length > 0)
                    {
                        foreach (var part in content.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
                        {
                            recent.Add(part.Length > 400 ? part[..400] : part);
                        }

                        foreach (var (line, k) in content.Split('\n').Select((l, k) => (l.TrimEnd('\r'), k)))
                        {
                            if (line.Trim().Length > 0)
                            {
                                texts.Add((line, block.Line + 1 + k));
                            }
                        }
                    }

                    break;
            }
        }

        return new SourceDocument(path, tables, TextReleaseReader.BuildParagraphs(texts));
    }

    /// <summary>A table read from an HTML block starting at 0-based line <paramref name="offset"/> of the Markdown file.</summary>
    private static RawTable Shift(RawTable table, int offset) => table with
    {
        Rows = table.Rows.Select(r => new RawRow(r.Cells.Select(c => c with { Line = c.Line + offset }).ToList(), r.Line + offset)).ToList(),
    };

    private static string Slice(string text, Markdig.Syntax.SourceSpan span)
    {
        if (span.IsEmpty || span.Start < 0 || span.Start >= text.Length || span.End < span.Start)
        {
            return "";
        }

        return text.Substring(span.Start, Math.Min(span.Length, text.Length - span.Start));
    }
}
