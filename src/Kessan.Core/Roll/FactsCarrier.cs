namespace Kessan.Roll;

/// <summary>
/// Rewrites a facts file keeping only some of its fact lines, and its layout: the header, the comments, the blank
/// lines between sections. A section (lines between blank lines) whose facts are all dropped goes with its comments,
/// since its heading would describe nothing. Everything else is kept byte for byte.
/// </summary>
public static class FactsCarrier
{
    /// <param name="text">The facts file as read.</param>
    /// <param name="factLines">Line numbers (from 1) that hold a fact.</param>
    /// <param name="keepLines">Of those, the lines to keep.</param>
    public static string Carry(string text, IReadOnlySet<int> factLines, IReadOnlySet<int> keepLines)
    {
        var endsWithNewline = text.EndsWith('\n');
        var lines = (endsWithNewline ? text[..^1] : text).Split('\n');
        var output = new List<string>();
        var pendingBlanks = new List<string>();
        var i = 0;
        while (i < lines.Length)
        {
            if (IsBlank(lines[i]))
            {
                pendingBlanks.Add(lines[i]);
                i++;
                continue;
            }

            var start = i;
            while (i < lines.Length && !IsBlank(lines[i]))
            {
                i++;
            }

            var block = Enumerable.Range(start, i - start).ToList();
            var facts = block.Where(n => factLines.Contains(n + 1)).ToList();
            if (facts.Count > 0 && !facts.Any(n => keepLines.Contains(n + 1)))
            {
                pendingBlanks.Clear();
                continue;
            }

            output.AddRange(pendingBlanks);
            pendingBlanks.Clear();
            output.AddRange(block.Where(n => !factLines.Contains(n + 1) || keepLines.Contains(n + 1)).Select(n => lines[n]));
        }

        output.AddRange(pendingBlanks);
        return string.Join('\n', output) + (endsWithNewline ? "\n" : "");
    }

    private static bool IsBlank(string line) => line.Trim().Length == 0;
}
