using System.Globalization;
using Kessan.Definitions;
using Kessan.Model;

namespace Kessan.Build;

/// <summary>
/// How one cell prints its figure, resolved from its table's style, its column and its row: negatives in parentheses
/// or with a minus, what zero prints, the % sign, thousands separators, the currency symbol, and "n/m".
/// </summary>
public sealed record FigureFormat(NegativeStyle Negative, string Zero, bool PercentSign, bool Grouping, Currency? Symbol, string NotMeaningful)
{
    /// <summary>The row's own settings first, then its column's, then its table's.</summary>
    public static FigureFormat Of(TableDefinition table, ColumnDefinition column, RowDefinition row, bool percent, Currency? currency)
    {
        var style = table.Style;
        var symbol = column.Symbol ?? style.Symbol;
        return new FigureFormat(
            row.Negative ?? column.Negative ?? (percent ? style.PercentNegative ?? style.Negative : style.Negative),
            column.Zero ?? style.Zero,
            percent && (style.PercentSign == PercentSignStyle.All || row.PercentSign),
            !percent || style.PercentThousands,
            !percent && (symbol == SymbolStyle.All || (symbol == SymbolStyle.Marked && row.Symbol)) ? currency : null,
            style.NotMeaningful);
    }
}

/// <summary>Writes a rounded figure the way a release prints it: thousands separators, (negatives) or -negatives, % signs, $.</summary>
public static class NumberFormatter
{
    public static string Format(decimal shown, int decimals, bool percent, FigureFormat format)
    {
        if (shown == 0m)
        {
            return percent
                ? 0m.ToString("F" + decimals, CultureInfo.InvariantCulture) + (format.PercentSign ? "%" : "")
                : format.Symbol is { } zeroSymbol ? zeroSymbol.Decorate(format.Zero) : format.Zero;
        }

        var pattern = (format.Grouping ? "#,0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : "");
        var body = Math.Abs(shown).ToString(pattern, CultureInfo.InvariantCulture);
        if (percent && format.PercentSign)
        {
            body += "%";
        }

        var symbol = format.Symbol;
        if (shown > 0)
        {
            return symbol is { } s ? s.Decorate(body) : body;
        }

        return format.Negative == NegativeStyle.Parentheses
            ? symbol is { } p ? p.Decorate($"({body})") : $"({body})"
            : "-" + (symbol is { } m ? m.Decorate(body) : body);
    }
}
