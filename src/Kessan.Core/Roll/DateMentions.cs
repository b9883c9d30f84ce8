using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Model;

namespace Kessan.Roll;

/// <summary>A date or quarter label written out in a text (a note, a comment), found so a roll-forward can flag it.</summary>
public readonly record struct DateMention(int Index, string Text, DateOnly? Date, FiscalQuarter? Quarter);

/// <summary>
/// Finds dates and quarter labels written out in text: <c>June 30, 2003</c>, <c>Jun. 30, 2003</c>, <c>30 June 2003</c>,
/// <c>2003-06-30</c>, <c>2003/06/30</c>, <c>2003年6月30日</c>, <c>1Q03</c>, <c>1Q2003</c>. Placeholders such as
/// <c>{current:MMM d, yyyy}</c> hold no digits and are never found. Also shifts the mentions of one quarter's first and
/// last day and label to another quarter's (used on the lines a roll edits).
/// </summary>
public static partial class DateMentions
{
    private const string Month = @"(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

    [GeneratedRegex(@"(?<![\p{L}\d])" + Month + @"\.?\s+(?<day>\d{1,2}),?\s+(?<year>\d{4})(?!\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<day>\d{1,2})\s+" + Month + @"\.?,?\s+(?<year>\d{4})(?!\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"(?<!\d)(?<year>\d{4})(?:[-/](?<mon>\d{1,2})[-/](?<day>\d{1,2})|年(?<mon>\d{1,2})月(?<day>\d{1,2})日)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?<![\p{L}\d_])[1-4]Q(?:\d{4}|\d{2})(?![\p{L}\d_])", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterLabel();

    public static IReadOnlyList<DateMention> Find(string text, FiscalCalendar calendar)
    {
        var found = new List<DateMention>();
        foreach (var regex in new[] { MonthDayYear(), DayMonthYear(), Numeric() })
        {
            foreach (Match m in regex.Matches(text))
            {
                if (ToDate(m) is { } date && !found.Any(f => Overlaps(f, m)))
                {
                    found.Add(new DateMention(m.Index, m.Value, date, null));
                }
            }
        }

        foreach (Match m in QuarterLabel().Matches(text))
        {
            if (calendar.TryParseQuarter(m.Value, out var q))
            {
                found.Add(new DateMention(m.Index, m.Value, null, q));
            }
        }

        return found.OrderBy(f => f.Index).ToList();
    }

    private static bool Overlaps(DateMention f, Match m) => f.Index < m.Index + m.Length && m.Index < f.Index + f.Text.Length;

    private static DateOnly? ToDate(Match m)
    {
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        int month;
        if (m.Groups["mon"].Success)
        {
            month = int.Parse(m.Groups["mon"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            var name = m.Groups["month"].Value[..3];
            month = Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) + 1;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>
    /// Rewrites the mentions of <paramref name="from"/>'s first day, last day and label (in the usual forms, with or
    /// without the year: "April 1 – June 30, 2003") as the same mentions of <paramref name="to"/>, in one pass.
    /// </summary>
    public static string Shift(string text, FiscalQuarter from, FiscalQuarter to)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var format in new[] { "MMMM d, yyyy", "MMM d, yyyy", "MMM. d, yyyy", "d MMMM yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "MMMM d", "MMM d" })
        {
            map.TryAdd(from.Start.ToString(format, CultureInfo.InvariantCulture), to.Start.ToString(format, CultureInfo.InvariantCulture));
            map.TryAdd(from.End.ToString(format, CultureInfo.InvariantCulture), to.End.ToString(format, CultureInfo.InvariantCulture));
        }

        map.TryAdd(from.Label, to.Label);
        map.TryAdd($"{from.Number}Q{from.FiscalYear}", $"{to.Number}Q{to.FiscalYear}");
        var pattern = string.Join("|", map.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        return Regex.Replace(text, $@"(?<![\p{{L}}\d])(?:{pattern})(?![\p{{L}}\d])", m => map[m.Value], RegexOptions.CultureInvariant);
    }
}
