namespace Kessan.Verify.Findings;

/// <summary>Every code verify can report. Codes never change meaning; docs/verify.md lists them.</summary>
public static class FindingCodes
{
    // Input
    public const string EmptyInput = "verify.empty-file";
    public const string BinaryInput = "verify.binary-file";
    public const string NotUtf8 = "verify.not-utf8";
    public const string TooLarge = "verify.too-large";
    public const string NoTables = "verify.no-tables";
    public const string RaggedRow = "verify.ragged-row";
    public const string UnreadableFile = "verify.unreadable-file";
    public const string UnreadablePdf = "verify.unreadable-pdf";
    public const string PdfWithoutText = "verify.pdf-without-text";
    public const string PdfPagesWithoutText = "verify.pdf-pages-without-text";
    public const string NothingChecked = "verify.nothing-checked";
    public const string RelationsUnchecked = "verify.relations-unchecked";

    // Footing
    public const string TotalDoesNotFoot = "verify.total-does-not-foot";
    public const string CrossFootFails = "verify.cross-foot-fails";
    public const string ReconciliationDoesNotFoot = "verify.reconciliation-does-not-foot";
    public const string WrongSign = "verify.wrong-sign";
    public const string TotalWithoutItems = "verify.total-without-items";

    // Percentages
    public const string PercentChangeWrong = "verify.percent-change-wrong";
    public const string PercentChangeOffByOne = "verify.percent-change-off-by-one";
    public const string PercentOfTotalWrong = "verify.percent-of-total-wrong";
    public const string RatioWrong = "verify.ratio-wrong";

    // Translation and per-share
    public const string TranslationWrong = "verify.translation-wrong";
    public const string PerShareWrong = "verify.per-share-wrong";

    // Tie-outs and statements
    public const string TieOutMismatch = "verify.tie-out-mismatch";
    public const string SignConventionMismatch = "verify.sign-convention-mismatch";
    public const string BalanceSheetDoesNotBalance = "verify.balance-sheet-does-not-balance";
    public const string CashRollForward = "verify.cash-roll-forward";
    public const string CashDoesNotTie = "verify.cash-does-not-tie";

    // Narrative
    public const string NarrativeAmount = "verify.narrative-amount";
    public const string NarrativePercent = "verify.narrative-percent";
    public const string NarrativeDirection = "verify.narrative-direction";
    public const string TableContradictsText = "verify.table-contradicts-text";

    // Rounding
    public const string RoundingAdjustment = "verify.rounding-adjustment";
}
