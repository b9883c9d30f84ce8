namespace Kessan.Build;

/// <summary>Codes of the problems of building a release; docs/errors.md says what each means and what to do.</summary>
public static class BuildCodes
{
    /// <summary>A fact needed by a table or calculation is missing.</summary>
    public const string MissingFact = "build.missing-fact";
}

/// <summary>Codes of the problems of rounding a release so that its tables foot; docs/errors.md says what each means and what to do.</summary>
public static class RoundingCodes
{
    /// <summary>A figure is shown one unit off plain rounding so that its table foots.</summary>
    public const string Adjusted = "rounding.adjusted";

    /// <summary>No rounding of the parts makes a table foot.</summary>
    public const string CannotFoot = "rounding.cannot-foot";
}

/// <summary>Codes of the problems of the text templates of a release; docs/errors.md says what each means and what to do.</summary>
public static class NarrativeCodes
{
    /// <summary>A placeholder of a text template is not understood.</summary>
    public const string BadPlaceholder = "narrative.bad-placeholder";
}

/// <summary>Codes of the problems of checking given facts against the calculations; docs/errors.md says what each means and what to do.</summary>
public static class CalculationCodes
{
    /// <summary>A given total differs from the sum of its items by more than rounding allows.</summary>
    public const string Disagrees = "calculation.disagrees";

    /// <summary>A balance does not roll forward through its changes.</summary>
    public const string NoRollForward = "calculation.no-roll-forward";
}
