using Kessan.Diagnostics;

namespace Kessan.Tests.Ledger;

/// <summary>What a reproducer checks of the problem it gives: its code, where it points and a key part of its message.</summary>
internal static class ProblemAssertions
{
    public static void ShouldBeProblem(this Diagnostic problem, string code, SourceLocation? location, string message)
    {
        problem.Code.ShouldBe(code);
        problem.Location.ShouldBe(location);
        problem.Message.ShouldContain(message);
    }
}
