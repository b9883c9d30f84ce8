using Kessan.Diagnostics;

namespace Kessan.Verify.Findings;

/// <summary>
/// One thing verify found: a stable code, a severity, where it is, a message for a finance person, and the
/// expected and actual values (with their ranges when rounding is involved).
/// </summary>
/// <param name="Subject">Which row the finding blames (e.g. "T9R4"); two errors about the same row describe one defect.</param>
public sealed record Finding(
    string Code,
    Severity Severity,
    SourceLocation Location,
    string Message,
    string? Expected = null,
    string? Actual = null,
    string? Subject = null)
{
    public Diagnostic ToDiagnostic() => new(Code, Severity, Location, Message);

    public override string ToString()
    {
        var level = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var detail = Expected is null && Actual is null ? "" : $" (expected {Expected ?? "?"}, actual {Actual ?? "?"})";
        return $"{Location}: {level} {Code}: {Message}{detail}";
    }
}
