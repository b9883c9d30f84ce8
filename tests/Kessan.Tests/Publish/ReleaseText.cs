using System.Globalization;

namespace Kessan.Tests.Publish;

/// <summary>release.txt read back as a reader would: each table's rows by label, each cell's figure as a number.</summary>
internal static class ReleaseText
{
    /// <summary>The number a cell of release.txt shows: "(5.7%)" is -5.7, "3,321" is 3321, "-" or "n/m" is none.</summary>
    public static decimal? Figure(string cell)
    {
        var text = cell.Trim().Replace(",", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal);
        var negative = text.StartsWith('(') && text.EndsWith(')');
        text = negative ? text[1..^1] : text;
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? negative ? -value : value
            : null;
    }

    /// <summary>The lines of a table in release.txt, from its first title line to the blank line that ends its rows.</summary>
    public static IReadOnlyList<string[]> TableLines(string releaseText, global::Kessan.Build.RenderedTable table)
    {
        var lines = releaseText.Split('\n');
        var titles = table.Title.Where(t => t.Trim().Length > 0).ToList();
        var start = Enumerable.Range(0, lines.Length).FirstOrDefault(
            i => lines[i] == titles[0] && lines.Skip(i).Take(table.Title.Count + 3).Contains(titles[^1]), -1);
        var title = string.Join(" / ", titles);
        start.ShouldBeGreaterThanOrEqualTo(0, $"release.txt shows the title '{title}'");
        return lines.Skip(start).Where(l => l.Contains('\t', StringComparison.Ordinal)).Take(table.Header.Count + table.Rows.Count)
            .Skip(table.Header.Count).Select(l => l.Split('\t')).ToList();
    }
}
