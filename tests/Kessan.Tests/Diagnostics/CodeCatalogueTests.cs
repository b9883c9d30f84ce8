using System.Text.RegularExpressions;

namespace Kessan.Tests.Diagnostics;

/// <summary>
/// Every problem code the program can report is listed in docs/errors.md (meaning, what to do) and is produced by at
/// least one test (a reproducer): a code named in src but not in the docs, or never named by a test, fails here.
/// A test names a code by its text ("verify.wrong-sign") or, for verify's codes, by its constant (FindingCodes.WrongSign).
/// </summary>
public sealed partial class CodeCatalogueTests
{
    /// <summary>The areas codes belong to (the part before the dot).</summary>
    private static readonly string[] Areas =
    [
        "build", "calculation", "cashflow", "consolidation", "csv", "definition", "facts", "group", "input", "ledger",
        "mapping", "narrative", "output", "publish", "register", "roll", "rounding", "synth", "verify",
    ];

    /// <summary>Endings that make "area.name" a file name rather than a code (group.txt, facts.csv).</summary>
    private static readonly string[] FileEndings = ["txt", "csv", "yaml", "yml", "md", "html", "map", "journal", "json", "cs"];

    [GeneratedRegex("\"([a-z]+)\\.([a-z][a-z0-9-]*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"const string (\w+) = ""([a-z]+\.[a-z][a-z0-9-]*)""")]
    private static partial Regex Constant();

    [GeneratedRegex(@"^\|\s*`([a-z]+\.[a-z][a-z0-9-]*)`\s*\|")]
    private static partial Regex DocsRow();

    internal static IReadOnlyDictionary<string, string> CodesInSource()
    {
        var codes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in Literal().Matches(File.ReadAllText(file)))
            {
                if (Areas.Contains(m.Groups[1].Value) && !FileEndings.Contains(m.Groups[2].Value))
                {
                    codes.TryAdd(m.Value.Trim('"'), Path.GetRelativePath(Repo.Root, file));
                }
            }
        }

        return codes;
    }

    internal static IReadOnlySet<string> CodesInDocs() =>
        File.ReadLines(Path.Combine(Repo.Root, "docs", "errors.md"))
            .Select(line => DocsRow().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void The_source_reports_codes_of_known_areas()
    {
        CodesInSource().Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Every_code_in_the_source_is_listed_in_docs_errors_md()
    {
        var docs = CodesInDocs();
        var missing = CodesInSource().Where(c => !docs.Contains(c.Key))
            .Select(c => $"{c.Key} ({c.Value})").ToList();
        missing.ShouldBeEmpty("add a row '| `code` | meaning | what to do |' to docs/errors.md for each");
    }

    [Fact]
    public void Every_code_listed_in_docs_errors_md_is_still_reported_somewhere()
    {
        var source = CodesInSource();
        CodesInDocs().Where(c => !source.ContainsKey(c)).ShouldBeEmpty("docs/errors.md lists codes the program no longer reports");
    }

    [Fact]
    public void Every_code_in_the_source_has_a_reproducer_test()
    {
        var tests = Path.Combine(Repo.Root, "tests");
        var self = Path.GetFullPath(Path.Combine(tests, "Kessan.Tests", "Diagnostics", "CodeCatalogueTests.cs"));
        var text = string.Join('\n', Directory.EnumerateFiles(tests, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFullPath(f) != self && !f.Contains($"{Path.DirectorySeparatorChar}data{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var constants = Constant().Matches(File.ReadAllText(Path.Combine(Repo.Root, "src", "Kessan.Core", "Verify", "Findings", "FindingCodes.cs")))
            .ToDictionary(m => m.Groups[2].Value, m => $"FindingCodes.{m.Groups[1].Value}");
        constants.Count.ShouldBeGreaterThan(20);
        bool Named(string code) => text.Contains(code, StringComparison.Ordinal) ||
            (constants.TryGetValue(code, out var constant) && Regex.IsMatch(text, $@"\b{Regex.Escape(constant)}\b"));
        var untested = CodesInSource().Keys.Where(c => !Named(c)).ToList();
        untested.ShouldBeEmpty("each code needs a test that produces it (a case under tests/cli or an xunit test naming the code)");
    }
}
