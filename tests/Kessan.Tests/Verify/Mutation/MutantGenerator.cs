using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Verify;
using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;

namespace Kessan.Tests.Verify.Mutation;

/// <summary>
/// Plants single errors in a release: in every figure of every table a changed digit (the first and the last),
/// swapped adjacent digits and a flipped sign; in the text every amount and percentage of a sentence about a
/// quarter gets a changed digit, and every direction word (increase, decreased, declined ...) is swapped for its
/// opposite. Figures are located with the release reader only; which checks exist plays no part.
/// </summary>
public static partial class MutantGenerator
{
    [GeneratedRegex(@"(?:JPY|\\?\$)\s?-?\d[\d,]*(?:\.\d+)?|(?<![\d.,])\d[\d,]*(?:\.\d+)?\s?%")]
    private static partial Regex TextFigure();

    [GeneratedRegex(@"\b(increase|increased|decrease|decreased|declined|grew|rose|fell)\b")]
    private static partial Regex Direction();

    [GeneratedRegex(@"\b[1-4]Q\d\d\b")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(approximately|about|nearly|almost|more than|less than|by more than)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Hedge();

    [GeneratedRegex(@"\b(expect|expects|expected|expectations|forecast|outlook|will)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardLooking();

    private static readonly Dictionary<string, string> Opposites = new()
    {
        ["increase"] = "decrease", ["increased"] = "decreased", ["decrease"] = "increase", ["decreased"] = "increased",
        ["declined"] = "increased", ["grew"] = "declined", ["rose"] = "fell", ["fell"] = "rose",
    };

    /// <summary>Set KESSAN_MUTATION_FULL=1 to also plant last-digit changes (reported, never required).</summary>
    public static bool Full { get; } = Environment.GetEnvironmentVariable("KESSAN_MUTATION_FULL") == "1";

    public static List<Mutant> Generate(string path, string text)
    {
        var result = new List<Mutant>();
        var doc = ReleaseLoader.Parse(path, text);
        var context = Verifier.Understand(doc, []);
        foreach (var table in context.Tables)
        {
            foreach (var row in table.Rows.Where(r => !r.IsSection))
            {
                foreach (var f in row.Cells.OfType<Figure>().Where(f => !f.IsDash && f.Line > 0))
                {
                    var where = $"{table.Name} / {row.Label} / {table.ColumnName(Array.IndexOf(row.Cells.ToArray(), f))}";
                    result.AddRange(FigureMutants(f.Text, f.Line, f.Column, f.Value, f.Decimals, where, table: true));
                }
            }
        }

        var lines = text.Split('\n');
        var tableLines = context.Tables.SelectMany(t => t.Raw.Rows.Select(r => r.Line)).ToHashSet();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (tableLines.Contains(i + 1) || line.Contains('\t') || !Quarter().IsMatch(line) || ForwardLooking().IsMatch(line))
            {
                continue;
            }

            foreach (Match m in TextFigure().Matches(line))
            {
                if (Hedge().IsMatch(line[..m.Index]))
                {
                    continue;
                }

                var numberMatch = Regex.Match(m.Value, @"\d[\d,]*(?:\.\d+)?");
                var digits = numberMatch.Value;
                var dot = digits.IndexOf('.');
                var decimals = dot < 0 ? 0 : digits.Length - dot - 1;
                var value = decimal.Parse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                result.AddRange(FigureMutants(digits, i + 1, m.Index + numberMatch.Index + 1, value, decimals, $"text line {i + 1}", table: false));
            }

            foreach (Match m in Direction().Matches(line))
            {
                // Only direction words that describe a figure later in the same sentence.
                var rest = line[m.Index..];
                var end = rest.IndexOf(". ", StringComparison.Ordinal);
                var sentence = end < 0 ? rest : rest[..end];
                var describesFigure = TextFigure().Matches(sentence).Any(f => !Hedge().IsMatch(sentence[..f.Index]));
                result.Add(new Mutant(MutationKind.SwappedDirection, i + 1, m.Index + 1, m.Value, Opposites[m.Value], describesFigure, $"text line {i + 1}"));
            }
        }

        return result;
    }

    private static IEnumerable<Mutant> FigureMutants(string text, int line, int column, decimal value, int decimals, string where, bool table)
    {
        var unit = Figure.Pow10(-decimals);
        var digitPositions = text.Select((c, i) => (c, i)).Where(x => char.IsDigit(x.c)).Select(x => x.i).ToList();
        if (digitPositions.Count == 0)
        {
            yield break;
        }

        // Changed digit: the first, and (in a full run) the last, which rounding may explain.
        foreach (var pos in digitPositions.Count > 1 && Full ? new[] { digitPositions[0], digitPositions[^1] } : new[] { digitPositions[0] })
        {
            var d = text[pos] - '0';
            var nd = pos == digitPositions[0] && digitPositions.Count > 1 && d == 9 ? 8 : (d + 1) % 10;
            if (pos == digitPositions[0] && nd == 0 && digitPositions.Count > 1)
            {
                nd = 2;
            }

            var mutated = text[..pos] + (char)('0' + nd) + text[(pos + 1)..];
            yield return new Mutant(MutationKind.ChangedDigit, line, column, text, mutated, Delta(text, mutated) >= 10 * unit, where);
        }

        // Swapped digits: the first adjacent pair that differs.
        for (var k = 0; k + 1 < digitPositions.Count; k++)
        {
            var a = digitPositions[k];
            var b = digitPositions[k + 1];
            if (b == a + 1 && text[a] != text[b] && !(k == 0 && text[b] == '0'))
            {
                var chars = text.ToCharArray();
                (chars[a], chars[b]) = (chars[b], chars[a]);
                var mutated = new string(chars);
                yield return new Mutant(MutationKind.SwappedDigits, line, column, text, mutated, Delta(text, mutated) >= 10 * unit, where);
                break;
            }
        }

        // Flipped sign (tables only; the text states magnitudes with words).
        if (table && value != 0)
        {
            var t = text.Trim();
            string flipped = t.StartsWith('(') && t.EndsWith(')') ? t[1..^1]
                : t.StartsWith('(') && t.EndsWith(")%", StringComparison.Ordinal) ? t[1..^2] + "%"
                : t.StartsWith('-') ? t[1..]
                : "-" + t;
            yield return new Mutant(MutationKind.FlippedSign, line, column, text, flipped, true, where);
        }
    }

    private static decimal Delta(string a, string b) => Math.Abs(Parse(a) - Parse(b));

    private static decimal Parse(string s)
    {
        var m = Regex.Match(s, @"\d[\d,]*(?:\.\d+)?");
        return decimal.Parse(m.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
