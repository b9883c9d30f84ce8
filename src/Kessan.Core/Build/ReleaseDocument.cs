using Kessan.Diagnostics;

namespace Kessan.Build;

/// <summary>The computed release: every table with every cell's text, ready for any renderer.</summary>
public sealed record ReleaseDocument(
    string Company,
    IReadOnlyList<RenderedTable> Tables,
    IReadOnlyList<Diagnostic> Notices,
    IReadOnlyList<RenderedText>? Texts = null,
    IReadOnlyList<string>? Layout = null)
{
    /// <summary>Tables and narrative in the order the release shows them.</summary>
    public IEnumerable<object> Blocks
    {
        get
        {
            if (Layout is null)
            {
                return Tables;
            }

            var byId = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (id, block) in Tables.Select(t => (t.Id, (object)t)).Concat((Texts ?? []).Select(t => (t.Id, (object)t))))
            {
                byId.TryAdd(id, block);
            }

            return Layout.Where(byId.ContainsKey).Select(id => byId[id]);
        }
    }
}

/// <summary>A narrative block: paragraphs of text, a line starting with "- " being a bullet, "## " a heading.</summary>
public sealed record RenderedText(string Id, IReadOnlyList<string> Paragraphs);

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
