using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Kessan.Verify.Reading;

/// <summary>Reads a Markdown release: pipe tables become tables, headings and paragraphs become text.</summary>
public static class MarkdownReleaseReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

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
                            cells.Add(new RawCell(raw.Trim().Trim('|').Trim(), cell.Line + 1, cell.Column + lead + 1));
                        }

                        rows.Add(new RawRow(cells, row.Line + 1));
                    }

                    var context = Enumerable.Reverse(recent).Take(4).ToList();
                    tables.Add(new RawTable(tables.Count + 1, context, rows));
                    recent.Clear();
                    break;
                case HeadingBlock or ParagraphBlock when block.Parent is not TableCell:
                    var content = Slice(text, block.Span).Trim();
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

    private static string Slice(string text, Markdig.Syntax.SourceSpan span)
    {
        if (span.IsEmpty || span.Start < 0 || span.Start >= text.Length || span.End < span.Start)
        {
            return "";
        }

        return text.Substring(span.Start, Math.Min(span.Length, text.Length - span.Start));
    }
}
