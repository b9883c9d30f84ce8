namespace Kessan.Diagnostics;

/// <summary>How serious a diagnostic or finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing (for example a rounding adjustment); never fails a run.</summary>
    Info,

    /// <summary>Suspicious but explainable.</summary>
    Warning,

    /// <summary>Wrong: no rounding or convention explains it.</summary>
    Error,
}

/// <summary>
/// A place in a user's file. Lines and columns count from 1; a column of 0 means "the whole line". In a file of pages
/// (a PDF), <see cref="Page"/> counts from 1 and the line is the line on that page.
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column = 0)
{
    /// <summary>The page (from 1) in a file of pages, 0 otherwise.</summary>
    public int Page { get; init; }

    public override string ToString() =>
        Page > 0 ? $"{File} (page {Page}, line {Line})"
        : Line <= 0 ? File : Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
}

/// <summary>
/// A figure a diagnostic compares, typed: its text as shown, its exact value, and the range of exact values that
/// rounding allows (Low = High = Value when exact). Tools read the numbers; people read the text.
/// </summary>
public readonly record struct ComparedValue(string Text, decimal? Value, decimal? Low = null, decimal? High = null)
{
    public static ComparedValue Exact(decimal value, string? text = null) =>
        new(text ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture), value, value, value);

    /// <summary>Words only, no figure ("a decrease", "390, -161, -97").</summary>
    public static ComparedValue Words(string text) => new(text, null);

    /// <summary>The text followed by its range, for people: "-17.1% [-17.4326, -16.8521]" ("8,235" when there is no range).</summary>
    public string Describe() =>
        Low is { } lo && High is { } hi ? $"{Text} {(lo == hi ? Show(lo) : $"[{Show(lo)}, {Show(hi)}]")}" : Text;

    private static string Show(decimal v) => Math.Round(v, 4).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Text;
}

/// <summary>
/// One problem found while reading, building or checking: a stable code, a severity, where it is, and a message
/// written for a finance person; where figures are compared, the expected and actual values, typed. Diagnostics are
/// data: stages return them and callers collect all of them. Codes are <c>area.name</c> (docs/errors.md lists them).
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, SourceLocation? Location, string Message)
{
    /// <summary>What the figures say the value should be, when the diagnostic compares figures.</summary>
    public ComparedValue? Expected { get; init; }

    /// <summary>The value as found.</summary>
    public ComparedValue? Actual { get; init; }

    /// <summary>The line it is on (0 when it has no place or concerns the whole file).</summary>
    public int Line => Location?.Line ?? 0;

    /// <summary>The column it is at (0 for the whole line).</summary>
    public int Column => Location?.Column ?? 0;

    /// <summary>What the diagnostic blames (e.g. a table row); two diagnostics with one subject describe one defect.</summary>
    public string? Subject { get; init; }

    public static Diagnostic Error(string code, SourceLocation? location, string message) =>
        new(code, Severity.Error, location, message);

    public static Diagnostic Warning(string code, SourceLocation? location, string message) =>
        new(code, Severity.Warning, location, message);

    public static Diagnostic Info(string code, SourceLocation? location, string message) =>
        new(code, Severity.Info, location, message);

    /// <summary>The longest message shown whole; a longer one (quoting a huge line of a file) keeps its start and its end.</summary>
    public const int MaxShownLength = 2000;

    private static string Shortened(string message) => message.Length <= MaxShownLength
        ? message
        : $"{message[..(MaxShownLength / 2)]} … ({message.Length - MaxShownLength:#,0} characters left out) … {message[^(MaxShownLength / 2)..]}";

    /// <summary>" (expected …, actual …)" when the diagnostic compares figures, else empty.</summary>
    public string Comparison() =>
        Expected is { } e ? $" (expected {e.Describe()}, actual {Actual?.Describe() ?? "?"})" : "";

    public override string ToString()
    {
        var level = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        // Messages quote users' input: control characters are shown escaped, never written raw to a terminal.
        var message = Shortened(TextInput.Printable(Message + Comparison(), int.MaxValue));
        return Location is { } at ? $"{TextInput.Printable(at.ToString(), int.MaxValue)}: {level} {Code}: {message}" : $"{level} {Code}: {message}";
    }
}

/// <summary>A value together with every diagnostic produced while making it.</summary>
public sealed record Result<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    public static Result<T> Ok(T value) => new(value, []);
}
