namespace Kessan.Roll;

/// <summary>Codes of the problems of rolling a release forward; docs/errors.md says what each means and what to do.</summary>
public static class RollCodes
{
    /// <summary>--to is not a fiscal quarter.</summary>
    public const string BadQuarter = "roll.bad-quarter";

    /// <summary>--to is not after the quarter the release reports on.</summary>
    public const string NotForward = "roll.not-forward";

    /// <summary>A facts file lies outside the release folder.</summary>
    public const string FactsOutside = "roll.facts-outside";

    /// <summary>The output folder is the release folder, inside or around it, a file, or not empty.</summary>
    public const string BadOutput = "roll.bad-output";

    /// <summary>The FX rate is still the rate of the quarter before the roll.</summary>
    public const string StaleRate = "roll.stale-rate";

    /// <summary>A text names a date or quarter that does not move with the periods.</summary>
    public const string FixedDateInText = "roll.fixed-date-in-text";

    /// <summary>Warning: a table or text writes out a year, a length of a year to date or a quarter in words.</summary>
    public const string LiteralPeriod = "roll.literal-period";

    /// <summary>Warning: a period role written as fixed dates does not move with the roll.</summary>
    public const string FixedPeriod = "roll.fixed-period";

    /// <summary>Warning: a role written as a fixed fourth quarter moved off the year end.</summary>
    public const string YearEndMoved = "roll.year-end-moved";
}
