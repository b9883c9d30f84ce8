using System.Diagnostics;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>
/// A ledger given as a pipe (`kessan trial-balance &lt;(zcat gl.journal.gz)`, /dev/stdin) is read as it comes, with
/// the same totals and messages as the same bytes in a file; it stopped the program before ("Stream does not support
/// seeking"). Tried with a named pipe, which behaves as those do.
/// </summary>
public class PipeInputTests
{
    /// <summary>The totals of <paramref name="text"/> written into a named pipe as the ledger reads it.</summary>
    private static Kessan.Diagnostics.Result<TrialBalance> ThroughAPipe(TestFiles files, string name, string text)
    {
        var path = Path.Combine(files.Root, name);
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
            mkfifo.ExitCode.ShouldBe(0);
        }

        var writer = Task.Run(() => File.WriteAllText(path, text)); // opens once the ledger opens the pipe to read
        var result = TrialBalanceTests.Run(path, new TrialBalanceOptions());
        writer.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        return result;
    }

    [Fact]
    public void A_ledger_through_a_pipe_totals_as_the_same_bytes_in_a_file()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Named pipes are made with mkfifo here.");
        var (journal, _) = JournalGenerator.Generate(300, 7, new DateOnly(2002, 4, 1), 400);
        using var files = new TestFiles();
        var inFile = TrialBalanceTests.Run(files.Write("gl.journal", journal), new TrialBalanceOptions());
        var piped = ThroughAPipe(files, "piped.journal", journal);
        piped.Diagnostics.ShouldBeEmpty();
        ParallelCsvTests.Describe(piped).Replace("piped", "gl", StringComparison.Ordinal).ShouldBe(ParallelCsvTests.Describe(inFile));
    }

    [Fact]
    public void A_problem_in_a_piped_ledger_names_the_pipe()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Named pipes are made with mkfifo here.");
        using var files = new TestFiles();
        var result = ThroughAPipe(files, "gl.journal", "2003-04-01 * sale\n    Assets:Cash    JPY 1\n    Income:Sales    JPY 2\n");
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("ledger.unbalanced");
        problem.Location!.Value.File.ShouldBe(Path.Combine(files.Root, "gl.journal"));
        problem.Location.Value.Line.ShouldBe(1);
    }
}
