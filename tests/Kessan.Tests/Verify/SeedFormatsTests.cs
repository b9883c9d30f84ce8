using System.Net;
using System.Text;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>The seed rewritten as Markdown and as HTML gives the same two errors as the text release.</summary>
public sealed class SeedFormatsTests
{
    private static IEnumerable<(bool IsTable, List<string> Lines)> Blocks(string text)
    {
        var lines = text.Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Contains('\t'))
            {
                var rows = new List<string>();
                while (i < lines.Length && lines[i].Contains('\t'))
                {
                    rows.Add(lines[i++]);
                }

                yield return (true, rows);
            }
            else
            {
                yield return (false, [lines[i++]]);
            }
        }
    }

    internal static string ToMarkdown(string text)
    {
        var sb = new StringBuilder();
        foreach (var (isTable, lines) in Blocks(text))
        {
            if (!isTable)
            {
                sb.Append(lines[0]).Append('\n');
                continue;
            }

            var width = lines.Max(l => l.Split('\t').Length);
            for (var r = 0; r < lines.Count; r++)
            {
                var cells = lines[r].Split('\t').Concat(Enumerable.Repeat("", width)).Take(width).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal));
                sb.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
                if (r == 0)
                {
                    sb.Append('|').Append(string.Concat(Enumerable.Repeat("---|", width))).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    internal static string ToHtml(string text)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        foreach (var (isTable, lines) in Blocks(text))
        {
            if (!isTable)
            {
                if (lines[0].Trim().Length > 0)
                {
                    sb.Append("<p>").Append(WebUtility.HtmlEncode(lines[0].Replace("\\$", "$", StringComparison.Ordinal))).Append("</p>\n");
                }

                continue;
            }

            sb.Append("<table>\n");
            foreach (var line in lines)
            {
                sb.Append("<tr>").Append(string.Concat(line.Split('\t').Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>"))).Append("</tr>\n");
            }

            sb.Append("</table>\n");
        }

        return sb.Append("</body></html>\n").ToString();
    }

    [Theory]
    [InlineData("seed.md")]
    [InlineData("seed.html")]
    public void Same_two_errors(string path)
    {
        var text = path.EndsWith(".md", StringComparison.Ordinal) ? ToMarkdown(VerifyTestData.Seed) : ToHtml(VerifyTestData.Seed);
        var errors = Verifier.VerifyText(path, text).Findings.Where(f => f.Severity == Severity.Error).ToList();
        string.Join(",", errors.Select(e => e.Code).Order(StringComparer.Ordinal)).ShouldBe($"{FindingCodes.TableContradictsText},{FindingCodes.WrongSign}", string.Join("\n", errors));
        errors.Single(e => e.Code == FindingCodes.WrongSign).Expected!.Value.Text.ShouldBe("390, -161, -97");
    }

    [Theory]
    [InlineData("seed.md")]
    [InlineData("seed.html")]
    public void Corrected_seed_is_clean(string path)
    {
        var text = path.EndsWith(".md", StringComparison.Ordinal) ? ToMarkdown(VerifyTestData.CorrectedSeed) : ToHtml(VerifyTestData.CorrectedSeed);
        Verifier.VerifyText(path, text).Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
    }
}
