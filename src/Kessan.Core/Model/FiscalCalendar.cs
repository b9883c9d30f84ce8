using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Model;

/// <summary>Which calendar year gives a fiscal year its name.</summary>
public enum FiscalYearNaming
{
    /// <summary>The year in which the fiscal year starts: April 2003 – March 2004 is "fiscal 2003" (common in Japan).</summary>
    StartYear,

    /// <summary>The year in which the fiscal year ends: April 2003 – March 2004 is "fiscal 2004".</summary>
    EndYear,
}

/// <summary>Which day ends a 52/53-week fiscal year.</summary>
public enum WeekYearEnd
{
    /// <summary>The weekday nearest the last day of the year-end month (it may fall a few days into the next month).</summary>
    Nearest,

    /// <summary>The last such weekday of the year-end month.</summary>
    Last,
}

/// <summary>A 52/53-week fiscal year: it ends on <see cref="Day"/> chosen by <see cref="Rule"/>; its quarters are 13 weeks, the fourth 14 in a 53-week year.</summary>
public sealed record FiscalWeeks(DayOfWeek Day, WeekYearEnd Rule);

/// <summary>
/// A fiscal calendar: the fiscal year ends on the last day of <see cref="YearEndMonth"/> and its quarters are calendar
/// months, or, with <see cref="Weeks"/>, it is a 52/53-week year ending on a weekday near the end of that month.
/// Quarters from two different calendars never mix (comparing them is a bug and throws).
/// </summary>
public sealed partial record FiscalCalendar(int YearEndMonth, FiscalYearNaming Naming, FiscalWeeks? Weeks = null)
{
    /// <summary>Japan's common fiscal year: ends March 31, named by the year it starts in.</summary>
    public static FiscalCalendar MarchYearEnd { get; } = new(3, FiscalYearNaming.StartYear);

    public int YearEndMonth { get; } = YearEndMonth is >= 1 and <= 12
        ? YearEndMonth
        : throw new ArgumentOutOfRangeException(nameof(YearEndMonth), YearEndMonth, "A month is 1 to 12.");

    /// <summary>The first calendar month of the fiscal year (April for a March year end).</summary>
    public int FirstMonth => (YearEndMonth % 12) + 1;

    public FiscalQuarter Quarter(int fiscalYear, int quarter) => new(this, fiscalYear, quarter);

    /// <summary>The calendar year in which fiscal year <paramref name="fiscalYear"/> starts (by the month-end convention).</summary>
    private int StartCalendarYear(int fiscalYear) =>
        FirstMonth == 1 || Naming == FiscalYearNaming.StartYear ? fiscalYear : fiscalYear - 1;

    /// <summary>The last day of a fiscal year.</summary>
    public DateOnly YearEnd(int fiscalYear)
    {
        var monthEnd = new DateOnly(StartCalendarYear(fiscalYear), FirstMonth, 1).AddYears(1).AddDays(-1);
        if (Weeks is not { } weeks)
        {
            return monthEnd;
        }

        var back = ((int)monthEnd.DayOfWeek - (int)weeks.Day + 7) % 7;
        var last = monthEnd.AddDays(-back);
        return weeks.Rule == WeekYearEnd.Nearest && back > 3 ? last.AddDays(7) : last;
    }

    /// <summary>The first day of a fiscal year.</summary>
    public DateOnly YearStart(int fiscalYear) => Weeks is null
        ? new DateOnly(StartCalendarYear(fiscalYear), FirstMonth, 1)
        : YearEnd(fiscalYear - 1).AddDays(1);

    /// <summary>First day of a quarter: calendar months, or 13-week steps in a 52/53-week year.</summary>
    public DateOnly QuarterStart(int fiscalYear, int quarter) => Weeks is null
        ? YearStart(fiscalYear).AddMonths((quarter - 1) * 3)
        : YearStart(fiscalYear).AddDays((quarter - 1) * 91);

    /// <summary>Last day of a quarter; the fourth quarter ends with the year (14 weeks in a 53-week year).</summary>
    public DateOnly QuarterEnd(int fiscalYear, int quarter) => quarter == 4
        ? YearEnd(fiscalYear)
        : QuarterStart(fiscalYear, quarter + 1).AddDays(-1);

    /// <summary>Weeks in a fiscal year: 52 or 53 in a 52/53-week calendar.</summary>
    public int WeeksIn(int fiscalYear) => (YearEnd(fiscalYear).DayNumber - YearStart(fiscalYear).DayNumber + 1) / 7;

    /// <summary>The fiscal quarter containing a date.</summary>
    public FiscalQuarter QuarterOf(DateOnly date)
    {
        if (Weeks is not null)
        {
            var byMonth = this with { Weeks = null };
            var year = byMonth.QuarterOf(date).FiscalYear;
            year = date < YearStart(year) ? year - 1 : date > YearEnd(year) ? year + 1 : year;
            for (var q = 1; q <= 4; q++)
            {
                if (date <= QuarterEnd(year, q))
                {
                    return new FiscalQuarter(this, year, q);
                }
            }
        }

        var monthsIntoYear = ((date.Month - FirstMonth) + 12) % 12;
        var startYear = date.Month >= FirstMonth ? date.Year : date.Year - 1;
        if (FirstMonth == 1)
        {
            startYear = date.Year;
        }

        var name = Naming == FiscalYearNaming.StartYear || FirstMonth == 1 ? startYear : startYear + 1;
        return new FiscalQuarter(this, name, (monthsIntoYear / 3) + 1);
    }

    [GeneratedRegex(@"^\s*([1-4])Q(\d{2}|\d{4})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterLabel();

    /// <summary>Reads a quarter label such as <c>1Q03</c> or <c>1Q2003</c>.</summary>
    public bool TryParseQuarter(string text, out FiscalQuarter quarter)
    {
        var m = QuarterLabel().Match(text);
        if (!m.Success)
        {
            quarter = default;
            return false;
        }

        var year = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (m.Groups[2].Value.Length == 2)
        {
            year += year < 70 ? 2000 : 1900;
        }

        quarter = Quarter(year, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return true;
    }
}

/// <summary>A quarter of a fiscal year, e.g. 1Q03 = April 1 to June 30, 2003 in a March year named by its start.</summary>
public readonly record struct FiscalQuarter : IComparable<FiscalQuarter>
{
    public FiscalQuarter(FiscalCalendar calendar, int fiscalYear, int quarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A fiscal quarter is 1 to 4.");
        }

        Calendar = calendar;
        FiscalYear = fiscalYear;
        Number = quarter;
    }

    public FiscalCalendar Calendar { get; }

    /// <summary>The fiscal year's name (2003 for "fiscal 2003").</summary>
    public int FiscalYear { get; }

    /// <summary>1 to 4.</summary>
    public int Number { get; }

    public DateOnly Start => Calendar.QuarterStart(FiscalYear, Number);

    public DateOnly End => Calendar.QuarterEnd(FiscalYear, Number);

    /// <summary>First day of the fiscal year the quarter belongs to.</summary>
    public DateOnly YearStart => Calendar.YearStart(FiscalYear);

    /// <summary>Last day of the fiscal year the quarter belongs to.</summary>
    public DateOnly YearEnd => Calendar.YearEnd(FiscalYear);

    /// <summary>The quarter <paramref name="quarters"/> quarters later (earlier when negative).</summary>
    public FiscalQuarter Plus(int quarters)
    {
        var index = (FiscalYear * 4) + Number - 1 + quarters;
        return new(Calendar, (int)Math.Floor(index / 4.0), (((index % 4) + 4) % 4) + 1);
    }

    public Period Period => Period.Duration(Start, End);

    /// <summary>The balance-sheet date at the end of the quarter.</summary>
    public Period EndInstant => Period.Instant(End);

    public FiscalQuarter Previous => Number == 1 ? new(Calendar, FiscalYear - 1, 4) : new(Calendar, FiscalYear, Number - 1);

    public FiscalQuarter Next => Number == 4 ? new(Calendar, FiscalYear + 1, 1) : new(Calendar, FiscalYear, Number + 1);

    public FiscalQuarter PriorYear => new(Calendar, FiscalYear - 1, Number);

    /// <summary>The release's short form: <c>1Q03</c>.</summary>
    public string Label => $"{Number}Q{FiscalYear % 100:00}";

    public int CompareTo(FiscalQuarter other)
    {
        if (!Equals(Calendar, other.Calendar))
        {
            throw new InvalidOperationException("Quarters of two different fiscal calendars cannot be compared.");
        }

        return (FiscalYear, Number).CompareTo((other.FiscalYear, other.Number));
    }

    public override string ToString() => Label;
}
