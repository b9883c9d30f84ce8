namespace Kessan.Verify.Findings;

/// <summary>Every code verify can report. Codes never change meaning; docs/verify.md lists them.</summary>
public static class FindingCodes
{
    // Input
    public const string EmptyInput = "KV001";
    public const string BinaryInput = "KV002";
    public const string NotUtf8 = "KV003";
    public const string TooLarge = "KV004";
    public const string NoTables = "KV005";
    public const string RaggedRow = "KV006";
    public const string UnreadableFile = "KV007";
    public const string NothingChecked = "KV008";
    public const string RelationsUnchecked = "KV009";

    // Footing
    public const string TotalDoesNotFoot = "KV101";
    public const string CrossFootFails = "KV102";
    public const string ReconciliationDoesNotFoot = "KV103";
    public const string WrongSign = "KV104";
    public const string TotalWithoutItems = "KV105";

    // Percentages
    public const string PercentChangeWrong = "KV201";
    public const string PercentChangeOffByOne = "KV202";
    public const string PercentOfTotalWrong = "KV203";

    // Translation and per-share
    public const string TranslationWrong = "KV301";
    public const string PerShareWrong = "KV302";

    // Tie-outs and statements
    public const string TieOutMismatch = "KV401";
    public const string SignConventionMismatch = "KV402";
    public const string BalanceSheetDoesNotBalance = "KV403";
    public const string CashRollForward = "KV404";
    public const string CashDoesNotTie = "KV405";

    // Narrative
    public const string NarrativeAmount = "KV501";
    public const string NarrativePercent = "KV502";
    public const string NarrativeDirection = "KV503";
    public const string TableContradictsText = "KV504";

    // Rounding
    public const string RoundingAdjustment = "KV901";
}
