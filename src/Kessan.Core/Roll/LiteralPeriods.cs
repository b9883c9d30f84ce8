using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Model;

namespace Kessan.Roll;

/// <summary>
/// A period written out literally in a table or text — a year (<c>2025</c>, <c>FY2025</c>), a length of a year to date
/// (<c>Six Months</c>), a quarter in words (<c>First Quarter</c>, <c>1st Quarter</c>) — with the role of the release it
/// stands for and the placeholder that would move with it.
/// </summary>
public readonly record struct LiteralPeriod(int Index, string Text, string Role, string What, string Replacement);

/// <summary>
/// Finds literal periods in a line of a template (tables, texts, the document frame): what <c>kessan roll</c> cannot
/// move and names, with the period-role expression to write instead. A year is reported when it is the fiscal year of
/// one of the release's periods; a number of months when it is the length of a year-to-date period and not of a
/// quarter; a quarter in words when it is one of the release's quarters. Dates are <see cref="DateMentions"/>'.
/// </summary>
public static partial class LiteralPeriods
{
    [GeneratedRegex(@"(?<![\p{L}\d,.$€£¥{:_/-])(?<fy>FY ?)?(?<year>(?:19|20)\d{2})(?![\p{L}\d%_}/]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<n>three|six|nine|twelve|3|6|9|12)(?<rest>[ -]months?)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Months();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<n>first|second|third|fourth|1st|2nd|3rd|4th)(?<rest> (?:fiscal )?quarter)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QuarterWord();

    private static readonly string[] MonthWords = ["three", "six", "nine", "twelve"];

    /// <summary>The literal periods of <paramref name="line"/>, leaving out the text <paramref name="dates"/> already covers.</summary>
    public static IReadOnlyList<LiteralPeriod> Find(string line, IReadOnlyDictionary<string, ReportingPeriod> periods, IReadOnlyList<DateMention> dates)
    {
        var found = new List<LiteralPeriod>();
        bool Covered(Match m) => dates.Any(d => d.Index < m.Index + m.Length && m.Index < d.Index + d.Text.Length);

        foreach (Match m in Year().Matches(line))
        {
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (Covered(m) || periods.FirstOrDefault(p => p.Value.Quarter?.FiscalYear == year) is not { Key: { } role })
            {
                continue;
            }

            found.Add(new LiteralPeriod(m.Index, m.Value, role, "the fiscal year of", m.Groups["fy"].Value + $"{{{role}.fiscal_year}}"));
        }

        foreach (Match m in Months().Matches(line))
        {
            var text = m.Groups["n"].Value;
            var months = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (Array.IndexOf(MonthWords, text.ToLowerInvariant()) + 1) * 3;
            if (periods.Values.Any(p => p.Kind == PeriodKind.Quarter && p.Quarters * 3 == months)
                || periods.FirstOrDefault(p => p.Value.Kind == PeriodKind.YearToDate && p.Value.Quarters * 3 == months) is not { Key: { } role })
            {
                continue;
            }

            var placeholder = char.IsDigit(text[0]) ? $"{{{role}.months}}" : char.IsUpper(text[0]) ? $"{{{role}.months_word:Title}}" : $"{{{role}.months_word}}";
            found.Add(new LiteralPeriod(m.Index, m.Value, role, "the length of", placeholder + m.Groups["rest"].Value));
        }

        foreach (Match m in QuarterWord().Matches(line))
        {
            var text = m.Groups["n"].Value;
            var ordinal = char.IsDigit(text[0]);
            var number = (ordinal ? Placeholders.QuarterOrdinals : Placeholders.QuarterWords).Select((w, i) => (w, i)).First(x => string.Equals(x.w, text, StringComparison.OrdinalIgnoreCase)).i + 1;
            if (periods.FirstOrDefault(p => p.Value.Kind == PeriodKind.Quarter && p.Value.Quarter?.Number == number) is not { Key: { } role })
            {
                continue;
            }

            var placeholder = ordinal ? $"{{{role}.quarter_ordinal}}" : char.IsUpper(text[0]) ? $"{{{role}.quarter_word:Title}}" : $"{{{role}.quarter_word}}";
            found.Add(new LiteralPeriod(m.Index, m.Value, role, "the quarter of", placeholder + m.Groups["rest"].Value));
        }

        return [.. found.OrderBy(f => f.Index)];
    }

    /// <summary>
    /// The placeholder that writes a date mention the way it is written (<c>June 30, 2003</c> →
    /// <c>{current:MMMM d, yyyy}</c>, the first day <c>{current.start:…}</c>), or null when the date is neither the
    /// period's first nor its last day, or its form is not one a placeholder writes.
    /// </summary>
    public static string? DatePlaceholder(DateMention mention, string role, ReportingPeriod period)
    {
        if (mention.Date is not { } date || (date != period.End && date != period.Start))
        {
            return null;
        }

        string[] formats = ["MMMM d, yyyy", "MMM d, yyyy", "MMM. d, yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy年M月d日", "MMMM d yyyy"];
        var format = formats.FirstOrDefault(f => date.ToString(f, CultureInfo.InvariantCulture) == mention.Text);
        return format is null ? null : date == period.End ? $"{{{role}:{format}}}" : $"{{{role}.start:{format}}}";
    }
}
