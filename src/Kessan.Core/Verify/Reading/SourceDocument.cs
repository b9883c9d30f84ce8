using Kessan.Diagnostics;

namespace Kessan.Verify.Reading;

/// <summary>One cell as read from the file, with its 1-based line and column.</summary>
public sealed record RawCell(string Text, int Line, int Column)
{
    /// <summary>How many layout columns the cell spans (HTML colspan); the blank cells after it stand for the rest of the span.</summary>
    public int Span { get; init; } = 1;
}

/// <summary>One row of a table as read: its cells and its line.</summary>
public sealed record RawRow(IReadOnlyList<RawCell> Cells, int Line);

/// <summary>
/// A table as read, before any interpretation: its rows and the lines just above it (title, "JPY in millions",
/// "Expressed in Thousands of ...", an introducing sentence).
/// </summary>
public sealed record RawTable(int Number, IReadOnlyList<string> Context, IReadOnlyList<RawRow> Rows)
{
    /// <summary>
    /// "Table 9. Adjusted EBITDA (JPY in millions)", "CONSOLIDATED BALANCE SHEETS(UNAUDITED)", the line just above, or "table 23 of the file (line 8)";
    /// never a link back to the contents ("Table of Contents", which an EDGAR filing prints at the top of every page).
    /// </summary>
    public string Title
    {
        get
        {
            var lines = Context.Where(c => !IsNavigation(c)).ToList();

            // The line just above, unless it is a note in parentheses ("(In millions; unaudited)") under the title.
            var nearest = lines.Count > 1 && IsNote(lines[0]) && lines[1].Length < 120 && !IsNote(lines[1]) ? lines[1] : lines.FirstOrDefault();
            return lines.FirstOrDefault(c => c.StartsWith("Table ", StringComparison.OrdinalIgnoreCase))
                ?? lines.FirstOrDefault(c => c.Length < 120 && (c.Contains("STATEMENT", StringComparison.Ordinal) || c.Contains("BALANCE SHEET", StringComparison.Ordinal)))
                ?? (nearest is { Length: < 120 } ? nearest : $"table {Number} of the file (line {Line})");
        }
    }

    /// <summary>A line wholly in parentheses on units or audit ("(In millions; unaudited)", "（単位：百万円）"): a note under a title, not the title.</summary>
    private static bool IsNote(string line)
    {
        var t = line.Trim();
        return t.Length > 2 && t[0] is '(' or '（' && t[^1] is ')' or '）' && NoteWords.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] NoteWords = ["million", "thousand", "billion", "audited", "except", "単位", "百万円", "千円"];

    /// <summary>A link back to the contents or a page number ("16", "- 16 -", "Page 16"): what a page prints, not a title.</summary>
    private static bool IsNavigation(string line)
    {
        var t = line.Trim().Trim('-', '—', '–').Trim();
        if (t.StartsWith("Page ", StringComparison.OrdinalIgnoreCase))
        {
            t = t[5..].Trim();
        }

        return t.Length == 0 || t.All(char.IsAsciiDigit)
            || t.Equals("Table of Contents", StringComparison.OrdinalIgnoreCase) || t.Equals("Back to Contents", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Return to Table of Contents", StringComparison.OrdinalIgnoreCase) || t.Equals("Index", StringComparison.OrdinalIgnoreCase);
    }

    public int Line => Rows.Count > 0 ? Rows[0].Line : 0;
}

/// <summary>A piece of running text; <see cref="Spans"/> map text offsets back to lines and columns.</summary>
public sealed record Paragraph(string Text, IReadOnlyList<TextSpan> Spans)
{
    public (int Line, int Column) Locate(int offset)
    {
        var best = Spans[0];
        foreach (var s in Spans)
        {
            if (s.Offset <= offset)
            {
                best = s;
            }
        }

        return (best.Line, best.Column + (offset - best.Offset));
    }
}

/// <summary>Text starting at <see cref="Offset"/> in the paragraph comes from <see cref="Line"/>, <see cref="Column"/>.</summary>
public sealed record TextSpan(int Offset, int Line, int Column);

/// <summary>A release as read: its tables and its running text.</summary>
public sealed record SourceDocument(string Path, IReadOnlyList<RawTable> Tables, IReadOnlyList<Paragraph> Paragraphs)
{
    /// <summary>
    /// For a release read from pages (PDF): the line each page starts on, in the order of the pages; the lines are
    /// those of the text the pages were laid out as, and a finding is shown at its page and its line on that page.
    /// </summary>
    public IReadOnlyList<int>? PageStarts { get; init; }

    /// <summary>Where a line of the document is for a person: its page and line on the page when it was read from pages.</summary>
    public SourceLocation Locate(SourceLocation at)
    {
        if (PageStarts is not { Count: > 0 } starts || at.Line <= 0)
        {
            return at;
        }

        var page = 0;
        while (page + 1 < starts.Count && starts[page + 1] <= at.Line)
        {
            page++;
        }

        // The column of a word laid out again from its position is not one a person could count: left out.
        return new SourceLocation(at.File, at.Line - starts[page] + 1) { Page = page + 1 };
    }
}
