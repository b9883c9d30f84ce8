using System.Text;
using System.Text.Json;
using Kessan.Diagnostics;
using Kessan.Verify;

namespace Kessan.Tests.Verify;

/// <summary>
/// Real tables from annual reports (TAT-QA: the dev split, 278 tables, and the test split, 277, kept with their
/// paragraphs only): verify must read them all and report no error on them but on those really inconsistent.
/// </summary>
public sealed class TatqaTests(ITestOutputHelper output)
{
    /// <summary>Tables that really are inconsistent, with the reason.</summary>
    private static readonly Dictionary<string, string> KnownInconsistent = new()
    {
        ["4e94f70f-b7e3-453e-ae92-846768589e75"] =
            "EBITDA 372 against 361 (in millions) is a change of 3.0% (at most 3.3% whatever the rounding), but the CHANGE column says 3.5%.",

        // Test split.
        ["83924a3098a43b0ff8f25791decd0151"] =
            "The same filer's next year: EBITDA 425 against 411 (in millions) is a change of 3.4% (at least 3.16% whatever the rounding), but the CHANGE column says 3.0%.",
        ["9b048dfc08e40405ae69dc2e057dd41a"] =
            "TASKING maintenance 8,324 against 4,706 is a change of 77%, not the 67% printed; the eight product lines add up to 177,186 in 2019, not the 177,216 printed (2018 foots: 144,542 against 144,541).",
    };

    /// <summary>The splits kept in tests/data/tatqa and how many tables each holds.</summary>
    public static TheoryData<string, int> Splits => new() { { "tatqa-dev.json", 278 }, { "tatqa-test.json", 277 } };

    public static IEnumerable<(string Uid, string Tsv)> Tables(string split = "tatqa-dev.json")
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VerifyTestData.Data, "tatqa", split)));
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
    public static IEnumerable<(string Uid, string Text)> TablesWithText(string split = "tatqa-dev.json")
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VerifyTestData.Data, "tatqa", split)));
        var tables = Tables(split).ToDictionary(t => t.Uid, t => t.Tsv);
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var uid = item.GetProperty("table").GetProperty("uid").GetString()!;
            var paragraphs = item.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("text").GetString() ?? "");
            yield return (uid, tables[uid] + "\n" + string.Join("\n\n", paragraphs) + "\n");
        }
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void No_error_on_tables_with_their_paragraphs(string split, int tables)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (uid, text) in TablesWithText(split))
        {
            count++;
            var errors = Verifier.VerifyText($"{uid}.txt", text).Findings.Where(f => f.Severity == Severity.Error).ToList();
            if (errors.Count > 0 && !KnownInconsistent.ContainsKey(uid))
            {
                failures.Add($"{uid}:\n  " + string.Join("\n  ", errors));
            }
        }

        output.WriteLine($"{split} with paragraphs: {failures.Count} tables with unexpected errors.");
        count.ShouldBe(tables);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void No_error_on_any_consistent_table(string split, int tables)
    {
        var count = 0;
        var failures = new List<string>();
        var infos = 0;
        foreach (var (uid, tsv) in Tables(split))
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

        output.WriteLine($"{split}: {count} tables verified, {failures.Count} with unexpected errors, {infos} info/warnings.");
        count.ShouldBe(tables);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(8)));
    }
}
