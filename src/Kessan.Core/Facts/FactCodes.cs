namespace Kessan.Facts;

/// <summary>Codes of the problems of base facts (facts.csv); docs/errors.md says what each means and what to do.</summary>
public static class FactCodes
{
    /// <summary>The facts file does not exist.</summary>
    public const string MissingFile = "facts.missing-file";

    /// <summary>The facts file is empty or its header lacks a column.</summary>
    public const string BadHeader = "facts.bad-header";

    /// <summary>A fact names a concept the concepts file does not define.</summary>
    public const string UnknownConcept = "facts.unknown-concept";

    /// <summary>A fact's period is not understood.</summary>
    public const string BadPeriod = "facts.bad-period";

    /// <summary>A fact's value is not a number.</summary>
    public const string BadValue = "facts.bad-value";

    /// <summary>A fact is given twice (or is also counted from the contract register).</summary>
    public const string Duplicate = "facts.duplicate";

    /// <summary>A fact gives a date for a concept measured over a period, or the reverse.</summary>
    public const string WrongPeriodType = "facts.wrong-period-type";

    /// <summary>A fact's scale is not units, thousands, millions or billions.</summary>
    public const string UnknownScale = "facts.unknown-scale";

    /// <summary>A row has more fields than the header.</summary>
    public const string ExtraField = "facts.extra-field";

    /// <summary>A number with a thousands separator is not quoted, so it is split over two fields.</summary>
    public const string UnquotedNumber = "facts.unquoted-number";
}
