namespace Kessan.Definitions;

/// <summary>Codes of the problems of release definitions (YAML); docs/errors.md says what each means and what to do.</summary>
public static class DefinitionCodes
{
    /// <summary>A release folder or a file it names does not exist.</summary>
    public const string MissingFile = "definition.missing-file";

    /// <summary>A definition file is not valid YAML.</summary>
    public const string BadYaml = "definition.bad-yaml";

    /// <summary>A YAML value has the wrong shape (a list where a map belongs, a map where a single value belongs).</summary>
    public const string WrongShape = "definition.wrong-shape";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "definition.missing-key";

    /// <summary>A value is not the number, whole number or true/false it should be.</summary>
    public const string BadValue = "definition.bad-value";

    /// <summary>A value is not one of the names allowed.</summary>
    public const string UnknownChoice = "definition.unknown-choice";

    /// <summary>A date or a fiscal quarter is not written as YYYY-MM-DD or 1Q03.</summary>
    public const string BadDate = "definition.bad-date";

    /// <summary>A concept is defined twice.</summary>
    public const string DuplicateConcept = "definition.duplicate-concept";

    /// <summary>An item of a calculation is not understood.</summary>
    public const string BadItem = "definition.bad-item";

    /// <summary>A table or calculation names a concept the concepts file does not define.</summary>
    public const string UnknownConcept = "definition.unknown-concept";

    /// <summary>A column names a period release.yaml does not define.</summary>
    public const string UnknownPeriod = "definition.unknown-period";

    /// <summary>Calculations refer to each other in a circle.</summary>
    public const string CircularCalculation = "definition.circular-calculation";

    /// <summary>A period role in release.yaml that is not a quarter, a date, a range or a period relative to current.</summary>
    public const string BadPeriod = "definition.bad-period";

    /// <summary>A translation (a column, a narrative figure) with no exchange rate in release.yaml.</summary>
    public const string MissingRate = "definition.missing-rate";
}
