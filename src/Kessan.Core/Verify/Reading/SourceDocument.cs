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
    /// <summary>"Table 9. Adjusted EBITDA (JPY in millions)", "CONSOLIDATED BALANCE SHEETS(UNAUDITED)", or the line just above.</summary>
    public string Title =>
        Context.FirstOrDefault(c => c.StartsWith("Table ", StringComparison.OrdinalIgnoreCase))
        ?? Context.FirstOrDefault(c => c.Length < 120 && (c.Contains("STATEMENT", StringComparison.Ordinal) || c.Contains("BALANCE SHEET", StringComparison.Ordinal)))
        ?? (Context.Count > 0 && Context[0].Length < 120 ? Context[0] : $"the table at line {Line}");

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
public sealed record SourceDocument(string Path, IReadOnlyList<RawTable> Tables, IReadOnlyList<Paragraph> Paragraphs);
