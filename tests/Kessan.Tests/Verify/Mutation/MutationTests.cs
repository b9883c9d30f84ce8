namespace Kessan.Tests.Verify.Mutation;

/// <summary>
/// Plants single errors in clean releases and requires verify to find every one that rounding cannot explain,
/// and no error in the clean release. To test another document, add one line to <see cref="Documents"/>.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Documents() =>
    [
        "seed (corrected)",
        "kessan build output",
    ];

    private static (string Path, string Text, Func<Mutant, string?> Unverifiable) Load(string name) => name switch
    {
        "seed (corrected)" => ("seed-corrected.txt", VerifyTestData.CorrectedSeed, SeedUnverifiable),
        "kessan build output" => ("release.txt", Build.ExampleRelease.Text, BuildUnverifiable),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown document."),
    };

    /// <summary>Statements in the seed that no table states, so nothing can contradict them (with the reason).</summary>
    private static string? SeedUnverifiable(Mutant m) => m.Line == 166 && m.Original == "38"
        ? "the impairment loss on non-marketable equity securities (JPY38 million) appears in no table"
        : null;

    private static readonly int ImpairmentLine =
        Build.ExampleRelease.Text.Split('\n').ToList().FindIndex(l => l.Contains("impairment loss on non-marketable", StringComparison.Ordinal)) + 1;

    /// <summary>The same sentence in Kessan's release: its impairment figure is stated by no table.</summary>
    private static string? BuildUnverifiable(Mutant m) => m.Line == ImpairmentLine && m.Original == "38"
        ? "the impairment loss on non-marketable equity securities (JPY38 million) appears in no table"
        : null;

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_planted_error_that_rounding_cannot_explain_is_found(string name)
    {
        var (path, text, unverifiable) = Load(name);
        var report = MutationRunner.Run(name, path, text, unverifiable);
        output.WriteLine(report.Summary());
        TestContext.Current.SendDiagnosticMessage(report.Summary());
        report.CleanErrors.ShouldBeEmpty();
        report.Missed.ShouldBeEmpty();
    }
}
