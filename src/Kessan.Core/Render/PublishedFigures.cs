using Kessan.Build;
using Kessan.Definitions;
using Kessan.Model;

namespace Kessan.Render;

/// <summary>
/// One figure a table shows, with what it stands for: the concept and period, the measure of its column, the unit of
/// the amount (the concept's unit, or the convenience currency for a translation, or <c>pure</c> for a percent), the
/// power of ten it is shown in, the decimals shown and the sign the row applies. Writers that need more than the text
/// of a cell (the workbook, Inline XBRL, the styling of totals) read the cell through this.
/// </summary>
public sealed record PublishedFigure(
    string TableId,
    int Row,
    int Column,
    string Concept,
    Period Period,
    Measure Measure,
    string? Base,
    string Unit,
    int Scale,
    int Decimals,
    int Sign,
    RenderedCell Cell)
{
    /// <summary>A percent change or a percent of a total.</summary>
    public bool IsPercent => Measure is Measure.Change or Measure.Share;
}

/// <summary>Reads a rendered table back against its definition: which concept, period and unit every cell shows.</summary>
public static class PublishedFigures
{
    /// <summary>Every numeric cell of <paramref name="table"/> (cells showing "n/m" or nothing are left out).</summary>
    public static IReadOnlyList<PublishedFigure> Of(ReleaseDefinition definition, RenderedTable table)
    {
        var result = new List<PublishedFigure>();
        if (definition.Tables.FirstOrDefault(t => t.Id == table.Id) is not { } defined)
        {
            return result;
        }

        for (var r = 0; r < table.Rows.Count && r < defined.Rows.Count; r++)
        {
            var row = defined.Rows[r];
            if (row.IsHeading || definition.Concepts.GetValueOrDefault(row.Concept!) is not { } concept)
            {
                continue;
            }

            var cells = table.Rows[r].Cells;
            for (var c = 0; c < cells.Count && c < defined.Columns.Count; c++)
            {
                var column = defined.Columns[c];
                if (cells[c].Shown is null || !definition.Periods.TryGetValue(column.Period, out var reporting) ||
                    reporting.At(concept.PeriodType, row.At) is not { } period)
                {
                    continue;
                }

                var unit = column.Measure switch
                {
                    Measure.Translation => definition.Fx?.To.ToString() ?? concept.Unit,
                    Measure.Change or Measure.Share => "pure",
                    _ => concept.Unit,
                };
                result.Add(new PublishedFigure(
                    table.Id, r, c, concept.Id, period,
                    column.Measure, column.Base, unit, (int)(row.Scale ?? column.Scale), row.Decimals ?? column.Decimals, row.Sign, cells[c]));
            }
        }

        return result;
    }

    /// <summary>
    /// Whether a row is a total or subtotal: its concept is the sum of others in the definition's calculations (or the
    /// closing balance of a roll-forward), whatever its label says.
    /// </summary>
    public static bool IsTotal(ReleaseDefinition definition, string? concept) =>
        concept is not null && definition.Calculations.Any(c => c.Total == concept);

    /// <summary>The definition's row behind a rendered row, if any.</summary>
    public static RowDefinition? RowOf(ReleaseDefinition definition, string tableId, int row) =>
        definition.Tables.FirstOrDefault(t => t.Id == tableId) is { } t && row < t.Rows.Count ? t.Rows[row] : null;
}
