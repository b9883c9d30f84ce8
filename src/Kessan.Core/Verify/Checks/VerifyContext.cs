using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>Everything the checks need about one release: its tables as understood, its text, and release-wide facts.</summary>
public sealed partial record VerifyContext(
    string Path,
    IReadOnlyList<TableModel> Tables,
    IReadOnlyList<Paragraph> Paragraphs,
    FiscalConvention Fiscal,
    decimal? JpyPerUsd,
    string? CurrentPeriod)
{
    public SourceLocation At(Figure f) => new(Path, f.Line, f.Column);

    /// <summary>The tables as the file holds them, before their columns are worked out (lines of notes such as "（参考）自己資本").</summary>
    public IReadOnlyList<RawTable> SourceTables { get; init; } = [];

    /// <summary>The document as read, for where its lines are (a PDF's pages).</summary>
    public SourceDocument? Document { get; init; }

    /// <summary>A line of the release as a person finds it, in the list of what was checked: "line 12", or "page 3, line 12" in a PDF.</summary>
    public string LineName(int line) => Document?.Locate(new SourceLocation(Path, line)) is { Page: > 0 } at ? $"page {at.Page}, line {at.Line}" : $"line {line}";

    /// <summary>What this run checked and could not check; the checks add to it as they go.</summary>
    public CoverageTally Tally { get; init; } = new();

    /// <summary>Figures narrowed by a more precise twin in another table (see <see cref="TieOutChecks.Refinements"/>).</summary>
    public IReadOnlyDictionary<Figure, Interval> Refined { get; init; } = new Dictionary<Figure, Interval>();

    /// <summary>The values a figure may stand for, narrowed by its twins in other tables.</summary>
    public Interval RangeOf(Figure f) => Refined.TryGetValue(f, out var r) ? r : f.Range;

    public SourceLocation At(TableRow row) => new(Path, row.Line);

    /// <summary>
    /// A layout read from the figures (a total column, groups of rows, points that add up) is taken when at least three,
    /// and three in four, of the places it could be seen show it; the places that then do not are errors.
    /// </summary>
    public static bool ShownByMost(int holding, int places) => holding >= 3 && holding * 4 >= places * 3;

    /// <summary>The exact values a figure in a row may stand for, in currency units (scale applied).</summary>
    public static Interval Real(TableModel table, TableRow row, Figure f) => f.Range.Times(table.ScaleOf(row));

    public static string SubjectOf(TableModel table, TableRow row) => $"T{table.Number}R{row.Index}";

    /// <summary>"Table 9 (Adjusted EBITDA), Income tax benefit (expense), 1Q03" for messages.</summary>
    public static string Where(TableModel table, TableRow row, int column) =>
        $"{Short(table)}, \"{row.Label}\", {table.ColumnName(column)}";

    /// <summary>"Table 9 (Adjusted EBITDA)", "Consolidated Statements of Operations", "the table at line 3".</summary>
    public static string Short(TableModel table)
    {
        var t = table.Title;
        var cut = t.IndexOfAny(['(', '\t']);
        t = cut > 3 ? t[..cut].Trim() : t;
        var numbered = NumberedTable().Match(t);
        if (numbered.Success)
        {
            return $"{numbered.Groups[1].Value} ({numbered.Groups[2].Value.Trim()})";
        }

        if (t.Length > 3 && t.ToUpperInvariant() == t)
        {
            t = string.Join(' ', t.ToLowerInvariant().Split(' ').Select((w, i) => i > 0 && w is "of" or "and" or "in" ? w : w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));
        }

        return t.Length > 50 ? t[..50] + "…" : t;
    }

    /// <summary>A value printed like the figure it is compared with.</summary>
    public static string Show(decimal value, Figure like) => Figure.Format(value, like.Decimals, like.IsPercent);

    [GeneratedRegex(@"^(Table \d+)\.?\s+(.+)$")]
    private static partial Regex NumberedTable();
}
