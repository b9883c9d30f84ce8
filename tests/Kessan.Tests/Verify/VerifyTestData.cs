using Kessan.Diagnostics;
using Kessan.Verify;

namespace Kessan.Tests.Verify;

/// <summary>Verify a small release given as text ("t.txt" is read as plain text, "t.md" as Markdown) and edit it.</summary>
internal static class Verified
{
    public static FileReport Report(string text, string name = "t.txt") => Verifier.VerifyText(name, text);

    public static List<Diagnostic> Findings(string text, string name = "t.txt") => Report(text, name).Findings.ToList();

    public static List<Diagnostic> Errors(string text, string name = "t.txt") => Findings(text, name).Where(f => f.Severity == Severity.Error).ToList();

    /// <summary>The text with one passage changed; the passage must be there.</summary>
    public static string Change(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}

/// <summary>Where the repository and its test documents are, and the seed release in its published and corrected forms.</summary>
internal static class VerifyTestData
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The test documents kept in the repository (public filings and the TAT-QA dev tables), so the suite needs nothing beside the clone.</summary>
    public static string Data => Path.Combine(RepoRoot, "tests", "data");

    public static string SeedPath => Path.Combine(Data, "seeds", "002_55af39662756e4d2.txt");

    /// <summary>Real published results documents of many filers (see tests/data/releases/INDEX.md).</summary>
    public static string Releases => Path.Combine(Data, "releases");

    public static string Seed => File.ReadAllText(SeedPath);

    /// <summary>The seed with its two published defects corrected: Table 9's income-tax signs and Table 7's −17.2%.</summary>
    public static string CorrectedSeed
    {
        get
        {
            var text = Seed;
            text = Replace(text, "Income tax benefit (expense)\t-390\t161\t97", "Income tax benefit (expense)\t390\t-161\t-97");
            text = Replace(text, "International Backbone Costs\t261\t449\t-41.9%\t315\t-17.2%", "International Backbone Costs\t261\t449\t-41.9%\t315\t-17.1%");
            return text;
        }
    }

    private static string Replace(string text, string from, string to)
    {
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The seed no longer contains '{from}'.");
        }

        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kessan.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kessan.slnx not found above the test folder.");
    }
}
