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
        var errors = 0;
        foreach (var d in diagnostics.Where(d => d.Severity != Severity.Info))
        {
            stderr.WriteLine(d);
            errors += d.Severity == Severity.Error ? 1 : 0;
        }

        if (errors == 0 && !failed)
        {
            return false;
        }

        stderr.WriteLine($"kessan {command}: {errors} problem{(errors == 1 ? "" : "s")} in the input; nothing was written.");
        return true;
    }
}
