using Kessan.Cli;

namespace Kessan.Tests.Roll;

/// <summary>One reproducer per refusal of <c>kessan roll</c>: a clear message, exit code 2, nothing written.</summary>
public sealed class RollBadInputTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-roll-bad-" + Guid.NewGuid().ToString("N"));

    public RollBadInputTests() => Directory.CreateDirectory(work);

    private string Out => Path.Combine(work, "next");

    public void Dispose() => Directory.Delete(work, recursive: true);

    private void ShouldRefuse(string[] args, params string[] fragments)
    {
        var entriesBefore = Directory.EnumerateFileSystemEntries(work, "*", SearchOption.AllDirectories).Order().ToList();
        var (code, stdout, stderr) = RollForwardTests.Run(args);
        code.ShouldBe(ExitCodes.BadInput);
        stdout.ShouldBeEmpty();
        foreach (var f in fragments)
        {
            stderr.ShouldContain(f);
        }

        stderr.ShouldContain("nothing was written");
        Directory.EnumerateFileSystemEntries(work, "*", SearchOption.AllDirectories).Order().ToList().ShouldBe(entriesBefore, "nothing is written, no staging folder is left behind");
    }

    [Theory]
    [InlineData("Q2")]
    [InlineData("5Q03")]
    [InlineData("2003-09-30")]
    [InlineData("2Q3")]
    public void A_target_that_is_not_a_quarter_is_refused(string target) =>
        ShouldRefuse(["roll", Repo.Example, "--to", target, "--out", Out], $"error roll.bad-quarter: --to '{target}' is not a fiscal quarter: write the quarter to roll to as 2Q03 or 2Q2003");

    [Theory]
    [InlineData("1Q03")]
    [InlineData("4Q02")]
    [InlineData("1Q2002")]
    public void A_target_not_after_the_current_quarter_is_refused(string target) =>
        ShouldRefuse(["roll", Repo.Example, "--to", target, "--out", Out], "error roll.not-forward: --to ", "is not after 1Q03, the quarter the release reports on");

    [Fact]
    public void An_output_folder_that_is_not_empty_is_refused_unless_forced()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        ShouldRefuse(["roll", Repo.Example, "--to", "2Q03", "--out", Out], $"error roll.bad-output: the output folder '{Out}' exists and is not empty: name a new folder, or pass --force to replace it");
        File.ReadAllText(Path.Combine(Out, "notes.txt")).ShouldBe("mine");

        var forced = RollForwardTests.Run("roll", Repo.Example, "--to", "2Q03", "--out", Out, "--force");
        forced.Code.ShouldBe(ExitCodes.Ok, forced.Err);
        File.Exists(Path.Combine(Out, "notes.txt")).ShouldBeFalse("--force replaces the folder");
        File.Exists(Path.Combine(Out, "release.yaml")).ShouldBeTrue();
        Directory.EnumerateDirectories(work).Select(Path.GetFileName).ShouldBe(["next"]);
    }

    [Fact]
    public void An_empty_output_folder_is_used()
    {
        Directory.CreateDirectory(Out);
        var (code, _, stderr) = RollForwardTests.Run("roll", Repo.Example, "--to", "2Q03", "--out", Out);
        code.ShouldBe(ExitCodes.Ok, stderr);
        File.Exists(Path.Combine(Out, "tables", "balance-sheet.yaml")).ShouldBeTrue();
    }

    [Fact]
    public void A_missing_source_folder_is_named() =>
        ShouldRefuse(["roll", Path.Combine(work, "nowhere"), "--to", "2Q03", "--out", Out], $"error definition.missing-file: the release folder '{Path.Combine(work, "nowhere")}' does not exist");

    [Fact]
    public void The_output_folder_cannot_be_inside_the_source()
    {
        var source = Path.Combine(work, "release");
        Repo.CopyExample(source);

        ShouldRefuse(["roll", source, "--to", "2Q03", "--out", Path.Combine(source, "next"), "--force"], "error roll.bad-output: the output folder");
        ShouldRefuse(["roll", source, "--to", "2Q03", "--out", work, "--force"], "error roll.bad-output: the output folder");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "x"), "");
        ShouldRefuse(["roll", Path.Combine(work, "nowhere"), "--to", "Q9", "--out", Out], "roll.bad-quarter", "definition.missing-file", "roll.bad-output", "3 problems");
    }

    [Fact]
    public void A_release_with_problems_is_not_rolled()
    {
        var source = Path.Combine(work, "release");
        Repo.CopyExample(source);

        File.AppendAllLines(Path.Combine(source, "facts.csv"), ["revenue.other,1Q03,12x,thousands"]);
        ShouldRefuse(["roll", source, "--to", "2Q03", "--out", Out], "facts.csv:", "error facts.bad-value");
    }
}
