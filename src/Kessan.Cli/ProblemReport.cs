using Kessan.Diagnostics;

namespace Kessan.Cli;

/// <summary>How a command reports the problems of its input: every one on the error stream, then how many there are.</summary>
public static class ProblemReport
{
    /// <summary>
    /// Writes every warning and error as <c>file:line: error CODE: message</c>; when there are errors (or
    /// <paramref name="failed"/> says the run could not go on), closes with their count and that nothing was written,
    /// and returns true: the command stops with <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    public static bool Stops(string command, IEnumerable<Diagnostic> diagnostics, TextWriter stderr, bool failed = false)
    {
        long errors = 0;
        foreach (var d in diagnostics.Where(d => d.Severity != Severity.Info))
        {
            stderr.WriteLine(d);

            // A "… and N more" line stands for the problems counted but not listed; it carries their number.
            errors += d.Severity != Severity.Error ? 0 : d.Code == MoreProblems && d.Actual?.Value is { } hidden ? (long)hidden : 1;
        }

        if (errors == 0 && !failed)
        {
            return false;
        }

        stderr.WriteLine($"kessan {command}: {errors:N0} problem{(errors == 1 ? "" : "s")} in the input; nothing was written.");
        return true;
    }

    /// <summary>Writes a problem of the output location and that nothing was written; true when there is one.</summary>
    public static bool OutputFails(string command, Diagnostic? problem, TextWriter stderr)
    {
        if (problem is null)
        {
            return false;
        }

        stderr.WriteLine(problem);
        stderr.WriteLine($"kessan {command}: the output cannot be written there; nothing was written.");
        return true;
    }

    /// <summary>The code of the diagnostic that stands for problems counted but not listed one by one.</summary>
    private const string MoreProblems = "ledger.more-problems";
}
