using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Model;

/// <summary>Which calendar year gives a fiscal year its name.</summary>
public enum FiscalYearNaming
{
    /// <summary>The year in which the fiscal year starts: April 2003 – March 2004 is "fiscal 2003" (IIJ's practice).</summary>
    StartYear,

    /// <summary>The year in which the fiscal year ends: April 2003 – March 2004 is "fiscal 2004".</summary>
    EndYear,
}

/// <summary>
/// A fiscal calendar of calendar-month quarters: the fiscal year ends on the last day of <see cref="YearEndMonth"/>.
/// Quarters from two different calendars never mix (comparing them is a bug and throws).
/// </summary>
public sealed partial record FiscalCalendar(int YearEndMonth, FiscalYearNaming Naming)
{
    /// <summary>Japan's common fiscal year: ends March 31, named by the year it starts in.</summary>
    public static FiscalCalendar MarchYearEnd { get; } = new(3, FiscalYearNaming.StartYear);

    public int YearEndMonth { get; } = YearEndMonth is >= 1 and <= 12
        ? YearEndMonth
        : throw new ArgumentOutOfRangeException(nameof(YearEndMonth), YearEndMonth, "A month is 1 to 12.");

    /// <summary>The first calendar month of the fiscal year (April for a March year end).</summary>
    public int FirstMonth => (YearEndMonth % 12) + 1;

    public FiscalQuarter Quarter(int fiscalYear, int quarter) => new(this, fiscalYear, quarter);

    /// <summary>The fiscal quarter containing a date.</summary>
    public FiscalQuarter QuarterOf(DateOnly date)
    {
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

/// <summary>A quarter of a fiscal year, e.g. 1Q03 = April 1 to June 30, 2003 for IIJ.</summary>
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

    private int StartCalendarYear =>
        Calendar.FirstMonth == 1 || Calendar.Naming == FiscalYearNaming.StartYear ? FiscalYear : FiscalYear - 1;

    public DateOnly Start => new DateOnly(StartCalendarYear, Calendar.FirstMonth, 1).AddMonths((Number - 1) * 3);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

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
