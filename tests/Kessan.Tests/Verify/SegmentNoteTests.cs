using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// A segment note printed once per period in tables laid out the same way, each with a reconciliation in one column
/// ("Total consolidated revenues") and a three-row block under "Segment Total | Corporate | Corporate Total": too
/// small to confirm their structure in one table, they are confirmed by the same rows of the other periods' tables,
/// so a planted change in one period is found.
/// </summary>
public sealed class SegmentNoteTests
{
    private static string Period(string title, int up, int down, int upCost, int downCost, int other, int capex, int capexCorp, int inv, int invCorp, int assets, int assetsCorp) => $"""
        Segment information, {title} (millions of dollars)

        	Upstream	Downstream	Segment Total
        Revenues	{up}	{down}	{up + down}
        Costs	{upCost}	{downCost}	{upCost + downCost}
        Segment income	{up - upCost}	{down - downCost}	{up + down - upCost - downCost}
        Reconciliation of consolidated revenues
        Segment revenues		{up + down}	
        Other revenues		{other}	
        Total consolidated revenues		{up + down + other}	
        Reconciliation to Corporate Total
        	Segment Total	Corporate	Corporate Total
        Capital additions	{capex}	{capexCorp}	{capex + capexCorp}
        Investments	{inv}	{invCorp}	{inv + invCorp}
        Total assets	{assets}	{assetsCorp}	{assets + assetsCorp}

        """;

    private static readonly string Note =
        Period("three months ended June 30, 2025", 100, 200, 60, 150, 5, 30, 5, 40, -2, 500, 60) +
        Period("three months ended June 30, 2024", 110, 190, 70, 140, 7, 25, 4, 41, -3, 480, 55) +
        Period("six months ended June 30, 2025", 210, 400, 130, 300, 12, 55, 9, 81, -5, 500, 60) +
        Period("six months ended June 30, 2024", 220, 380, 140, 280, 13, 50, 8, 82, -6, 480, 55);

    [Fact]
    public void A_segment_note_that_adds_up_gives_no_error() => CheckTests.Errors(Note).ShouldBeEmpty();

    [Theory]
    [InlineData("Total assets\t500\t60\t560", "Total assets\t500\t60\t660", FindingCodes.CrossFootFails)] // the block's total column
    [InlineData("Total assets\t500\t60\t560", "Total assets\t600\t60\t560", FindingCodes.CrossFootFails)] // a column it adds up
    [InlineData("Total consolidated revenues\t\t305", "Total consolidated revenues\t\t405", FindingCodes.TotalDoesNotFoot)] // a one-column reconciliation
    public void A_planted_change_in_one_period_is_found(string from, string to, string code)
    {
        var at = Note.IndexOf(from, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0);
        var mutated = string.Concat(Note.AsSpan(0, at), to, Note.AsSpan(at + from.Length));
        CheckTests.Errors(mutated).ShouldContain(f => f.Code == code);
    }
}
