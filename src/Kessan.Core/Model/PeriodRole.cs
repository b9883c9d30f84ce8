using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Model;

/// <summary>
/// How release.yaml names a period, and how it moves when the release rolls forward. <c>current</c> is a fiscal quarter
/// (<c>2Q26</c>); every other role is either relative to it, so that rolling moves it the right way, or fixed:
/// <list type="bullet">
/// <item><c>quarter</c>, <c>quarter -1y</c> (the same quarter a year earlier), <c>quarter -1q</c> (the quarter before)</item>
/// <item><c>year_to_date</c>, <c>year_to_date -1y</c>: from the fiscal year's start to the current quarter's end (grows as it rolls)</item>
/// <item><c>fiscal_year</c>, <c>fiscal_year -1y</c>: whole fiscal years</item>
/// <item><c>year_end -1y</c> (the prior fiscal year end: stays at a year end), <c>quarter_end</c>, <c>quarter_end -1q</c>: instants</item>
/// <item><c>1Q02</c> a fixed quarter (rolls by as many quarters as current), <c>2025-12-31</c> a fixed date,
/// <c>2026-01-01..2026-06-30</c> fixed dates (never move)</item>
/// </list>
/// </summary>
public sealed partial record PeriodRole(PeriodRole.Relative? Shape, int OffsetQuarters, FiscalQuarter? FixedQuarter, ReportingPeriod? FixedDates)
{
    /// <summary>The shapes of a period relative to the current quarter.</summary>
    public enum Relative
    {
        Quarter,
        YearToDate,
        FiscalYear,
        YearEnd,
        QuarterEnd,
    }

    private static readonly Dictionary<string, Relative> Shapes = new(StringComparer.Ordinal)
    {
        ["quarter"] = Relative.Quarter,
        ["year_to_date"] = Relative.YearToDate,
        ["ytd"] = Relative.YearToDate,
        ["fiscal_year"] = Relative.FiscalYear,
        ["year"] = Relative.FiscalYear,
        ["year_end"] = Relative.YearEnd,
        ["quarter_end"] = Relative.QuarterEnd,
    };

    public bool IsRelative => Shape is not null;

    [GeneratedRegex(@"^(?<shape>[a-z_]+)(?:\s*(?<sign>[-+])\s*(?<n>\d+)\s*(?<unit>[yq]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();

    [GeneratedRegex(@"^(?<start>\d{4}-\d{2}-\d{2})\s*\.\.\s*(?<end>\d{4}-\d{2}-\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    /// <summary>Reads a role as written in release.yaml; null with a reason when it is none of the forms above.</summary>
    public static PeriodRole? Parse(string text, FiscalCalendar calendar, out string? problem)
    {
        problem = null;
        text = text.Trim();
        if (calendar.TryParseQuarter(text, out var q))
        {
            return new PeriodRole(null, 0, q, null);
        }

        if (TryDate(text, out var day))
        {
            return new PeriodRole(null, 0, null, ReportingPeriod.InstantAt(day));
        }

        if (RangePattern().Match(text) is { Success: true } range)
        {
            if (TryDate(range.Groups["start"].Value, out var start) && TryDate(range.Groups["end"].Value, out var end) && start <= end)
            {
                return new PeriodRole(null, 0, null, new ReportingPeriod(PeriodKind.Range, start, end, null));
            }

            problem = $"'{text}' should be two real dates, the first not after the second";
            return null;
        }

        if (RelativePattern().Match(text) is { Success: true } m && Shapes.TryGetValue(m.Groups["shape"].Value, out var shape))
        {
            var offset = 0;
            if (m.Groups["n"].Success)
            {
                offset = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["unit"].Value == "y" ? 4 : 1);
                offset = m.Groups["sign"].Value == "-" ? -offset : offset;
            }

            return new PeriodRole(shape, offset, null, null);
        }

        problem = $"'{text}' is not a period: write a quarter (2Q26), a date (2025-12-31), a range (2026-01-01..2026-06-30) " +
                  "or a period relative to current: quarter, year_to_date, fiscal_year, year_end or quarter_end, " +
                  "optionally followed by -1y or -1q";
        return null;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The dates of the role when the release reports on <paramref name="current"/>.</summary>
    public ReportingPeriod Resolve(FiscalQuarter current)
    {
        if (FixedQuarter is { } fixedQuarter)
        {
            return ReportingPeriod.OfQuarter(fixedQuarter);
        }

        if (FixedDates is { } dates)
        {
            return dates;
        }

        var q = current.Plus(OffsetQuarters);
        return Shape switch
        {
            Relative.Quarter => ReportingPeriod.OfQuarter(q),
            Relative.YearToDate => ReportingPeriod.YearToDate(q),
            Relative.FiscalYear => ReportingPeriod.FiscalYearOf(q),
            Relative.YearEnd => ReportingPeriod.InstantAt(q.YearEnd, q.Calendar.Quarter(q.FiscalYear, 4)),
            _ => ReportingPeriod.InstantAt(q.End, q),
        };
    }

    /// <summary>
    /// The role after rolling from one current quarter to a later one: a relative role is unchanged (it resolves anew),
    /// a fixed quarter moves by as many quarters as current, fixed dates stay.
    /// </summary>
    public PeriodRole Rolled(int quarters) =>
        FixedQuarter is { } fixedQuarter ? this with { FixedQuarter = fixedQuarter.Plus(quarters) } : this;
}
