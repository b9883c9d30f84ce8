using Kessan.Diagnostics;

namespace Kessan.Verify.Numbers;

/// <summary>Typed values for a diagnostic's expected and actual: the text as shown and the range rounding allows.</summary>
public static class Compared
{
    /// <summary>A printed figure: its text, its value and every value that prints the same.</summary>
    public static ComparedValue Of(Figure f) => new(f.Text, f.Value, f.Range.Lo, f.Range.Hi);

    /// <summary>A value computed from figures, shown as <paramref name="text"/>, anywhere in <paramref name="range"/>.</summary>
    public static ComparedValue Of(string text, Interval range) => new(text, range.Mid, range.Lo, range.Hi);
}
