using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Definitions;

namespace Kessan.Build;

/// <summary>
/// Fills the placeholders of titles, headers and notes: <c>{current}</c> → 1Q03, <c>{prior_year:MMM d, yyyy}</c> →
/// Jun 30, 2002 (the quarter's last day), <c>{current.start:MMMM d, yyyy}</c>, <c>{fx.rate}</c> → 119.87,
/// <c>{fx.as_of:MMM d, yyyy}</c>, <c>{company}</c>, <c>{current.fiscal_year}</c> → 2003. A placeholder that names nothing
/// known is left as written and reported.
/// </summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\{(?<name>[a-z_]+(?:\.[a-z_]+)?)(?::(?<format>[^}]+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Expand(string text, ReleaseDefinition definition, ICollection<string>? unknown = null) =>
        Pattern().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            var format = m.Groups["format"].Success ? m.Groups["format"].Value : null;
            var parts = name.Split('.');
            string? Date(DateOnly d) => format is null ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString(format, CultureInfo.InvariantCulture);
            string? value = parts switch
            {
                ["company"] => definition.Company,
                ["fx", "rate"] when definition.Fx is { } fx => fx.Rate.ToString(format ?? "0.00##", CultureInfo.InvariantCulture),
                ["fx", "as_of"] when definition.Fx is { } fx => Date(fx.AsOf),
                ["fx", "from"] when definition.Fx is { } fx => fx.From.Code,
                ["fx", "to"] when definition.Fx is { } fx => fx.To.Code,
                ["currency"] when definition.ReportingCurrency is { } c => c.Code,
                ["currency", "symbol"] when definition.ReportingCurrency is { } c => c.Symbol,
                [var role] when definition.Periods.TryGetValue(role, out var p) => format is null ? p.Label : Date(p.End),
                [var role, "start"] when definition.Periods.TryGetValue(role, out var p) => Date(p.Start),
                [var role, "end"] when definition.Periods.TryGetValue(role, out var p) => Date(p.End),
                [var role, "fiscal_year"] when definition.Periods.TryGetValue(role, out var p) && p.Quarter is { } q => q.FiscalYear.ToString(CultureInfo.InvariantCulture),
                [var role, "quarter"] when definition.Periods.TryGetValue(role, out var p) && p.Quarter is { } q => q.Number.ToString(CultureInfo.InvariantCulture),
                [var role, "months"] when definition.Periods.TryGetValue(role, out var p) => (p.Quarters * 3).ToString(CultureInfo.InvariantCulture),
                [var role, "months_word"] when definition.Periods.TryGetValue(role, out var p) => MonthsWord(p.Quarters * 3, format),
                [var role, "quarter_word"] when definition.Periods.TryGetValue(role, out var p) && p.Quarter is { } q => Titled(QuarterWords[q.Number - 1], format),
                [var role, "quarter_ordinal"] when definition.Periods.TryGetValue(role, out var p) && p.Quarter is { } q => QuarterOrdinals[q.Number - 1],
                _ => null,
            };
            if (value is null)
            {
                unknown?.Add(m.Value);
                return m.Value;
            }

            return value;
        });

    /// <summary>The quarters in words, for <c>{current.quarter_word}</c>: "first" to "fourth".</summary>
    public static IReadOnlyList<string> QuarterWords { get; } = ["first", "second", "third", "fourth"];

    /// <summary>The quarters as ordinals, for <c>{current.quarter_ordinal}</c>: "1st" to "4th".</summary>
    public static IReadOnlyList<string> QuarterOrdinals { get; } = ["1st", "2nd", "3rd", "4th"];

    /// <summary>"three", "six", "nine", "twelve"; <c>{ytd.months_word:Title}</c> → "Six".</summary>
    private static string? MonthsWord(int months, string? format) =>
        months switch { 3 => "three", 6 => "six", 9 => "nine", 12 => "twelve", _ => null } is { } word ? Titled(word, format) : null;

    private static string Titled(string word, string? format) => format == "Title" ? char.ToUpperInvariant(word[0]) + word[1..] : word;
}
