using Kessan.Diagnostics;

namespace Kessan.Build;

/// <summary>The computed release: every table with every cell's text, ready for any renderer.</summary>
public sealed record ReleaseDocument(string Company, IReadOnlyList<RenderedTable> Tables, IReadOnlyList<Diagnostic> Notices);

public sealed record RenderedTable(
    string Id,
    IReadOnlyList<string> Title,
    IReadOnlyList<IReadOnlyList<string>> Header,
    IReadOnlyList<RenderedRow> Rows,
    IReadOnlyList<string> Notes,
    int ColumnCount);

public sealed record RenderedRow(string Label, bool IsHeading, IReadOnlyList<RenderedCell> Cells);

/// <summary>
/// One cell: the text shown, the exact value it stands for (in display units, after the row's sign), the value shown,
/// and whether rounding was adjusted to keep the table footing.
/// </summary>
public sealed record RenderedCell(string Text, decimal? Exact = null, decimal? Shown = null, bool Adjusted = false)
{
    public static RenderedCell Blank { get; } = new("");
}
