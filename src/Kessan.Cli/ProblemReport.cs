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

        var more = diagnostics.Any(d => d.Code == MoreProblems);
        if (diagnostics.FirstOrDefault(d => d.Code == MoreProblems)?.Actual?.Value is { } hidden)
        {
            // The ledger counts the problems it does not list: the exact number.
            stderr.WriteLine($"kessan {command}: {errors - 1 + hidden:N0} problems in the input; nothing was written.");
            return true;
        }

        stderr.WriteLine(more
            ? $"kessan {command}: more than {errors - 1:N0} problems in the input; nothing was written."
            : $"kessan {command}: {errors:N0} problem{(errors == 1 ? "" : "s")} in the input; nothing was written.");
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
