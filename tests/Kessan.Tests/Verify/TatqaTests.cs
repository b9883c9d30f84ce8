using System.Text;
using System.Text.Json;
using Kessan.Diagnostics;
using Kessan.Verify;

namespace Kessan.Tests.Verify;

/// <summary>278 real tables from annual reports (TAT-QA dev): verify must read them all and report no error on them.</summary>
public sealed class TatqaTests(ITestOutputHelper output)
{
    /// <summary>Tables that really are inconsistent, with the reason.</summary>
    private static readonly Dictionary<string, string> KnownInconsistent = new()
    {
        ["4e94f70f-b7e3-453e-ae92-846768589e75"] =
            "EBITDA 372 against 361 (in millions) is a change of 3.0% (at most 3.3% whatever the rounding), but the CHANGE column says 3.5%.",
    };

    public static IEnumerable<(string Uid, string Tsv)> Tables()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(VerifyTestData.TatqaPath));
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var table = item.GetProperty("table");
            var uid = table.GetProperty("uid").GetString()!;
            var sb = new StringBuilder();
            foreach (var row in table.GetProperty("table").EnumerateArray())
            {
                sb.AppendLine(string.Join('\t', row.EnumerateArray().Select(c => (c.GetString() ?? "").Replace('\t', ' ').Replace('\n', ' '))));
            }

            yield return (uid, sb.ToString());
        }
    }

    /// <summary>The tables with the paragraphs printed around them in the report.</summary>
    public static IEnumerable<(string Uid, string Text)> TablesWithText()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(VerifyTestData.TatqaPath));
        var tables = Tables().ToDictionary(t => t.Uid, t => t.Tsv);
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var uid = item.GetProperty("table").GetProperty("uid").GetString()!;
            var paragraphs = item.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("text").GetString() ?? "");
            yield return (uid, tables[uid] + "\n" + string.Join("\n\n", paragraphs) + "\n");
        }
    }

    [Fact]
    public void No_error_on_tables_with_their_paragraphs()
    {
        var failures = new List<string>();
        foreach (var (uid, text) in TablesWithText())
        {
            var errors = Verifier.VerifyText($"{uid}.txt", text).Findings.Where(f => f.Severity == Severity.Error).ToList();
            if (errors.Count > 0 && !KnownInconsistent.ContainsKey(uid))
            {
                failures.Add($"{uid}:\n  " + string.Join("\n  ", errors));
            }
        }

        output.WriteLine($"tatqa with paragraphs: {failures.Count} tables with unexpected errors.");
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void No_error_on_any_consistent_table()
    {
        var count = 0;
        var failures = new List<string>();
        var infos = 0;
        foreach (var (uid, tsv) in Tables())
        {
            count++;
            var report = Verifier.VerifyText($"{uid}.txt", tsv);
            infos += report.Findings.Count(f => f.Severity != Severity.Error);
            var errors = report.Findings.Where(f => f.Severity == Severity.Error).ToList();
            if (errors.Count > 0 && !KnownInconsistent.ContainsKey(uid))
            {
                failures.Add($"{uid}:\n  " + string.Join("\n  ", errors) + "\n" + tsv);
            }
        }

        output.WriteLine($"tatqa: {count} tables verified, {failures.Count} with unexpected errors, {KnownInconsistent.Count} known inconsistent, {infos} info/warnings.");
        count.ShouldBe(278);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(8)));
    }
}
