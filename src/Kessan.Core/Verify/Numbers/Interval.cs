namespace Kessan.Verify.Numbers;

/// <summary>
/// A closed range of exact values [Lo, Hi]. A figure printed to some precision stands for such a range
/// (2,534 in millions is anything from 2,533.5 to 2,534.5); a relation between figures fails only when no values
/// inside their ranges satisfy it (the XBRL Calculations 1.1 idea).
/// </summary>
public readonly record struct Interval(decimal Lo, decimal Hi)
{
    public static Interval Exact(decimal value) => new(value, value);

    public static Interval Around(decimal value, decimal halfWidth) => new(value - halfWidth, value + halfWidth);

    public decimal Mid => (Lo + Hi) / 2;

    public decimal Width => Hi - Lo;

    public bool ContainsZero => Lo <= 0 && Hi >= 0;

    public static Interval operator +(Interval a, Interval b) => new(a.Lo + b.Lo, a.Hi + b.Hi);

    public static Interval operator -(Interval a, Interval b) => new(a.Lo - b.Hi, a.Hi - b.Lo);

    public static Interval operator -(Interval a) => new(-a.Hi, -a.Lo);

    public Interval Plus(Interval other) => this + other;

    public Interval Minus(Interval other) => this - other;

    public Interval Negate() => -this;

    public Interval Times(decimal factor) => factor >= 0 ? new(Lo * factor, Hi * factor) : new(Hi * factor, Lo * factor);

    public Interval Abs() => Lo >= 0 ? this : Hi <= 0 ? -this : new(0, Math.Max(-Lo, Hi));

    /// <summary>This divided by <paramref name="divisor"/>; null when the divisor's range contains zero.</summary>
    public Interval? DividedBy(Interval divisor)
    {
        if (divisor.ContainsZero)
        {
            return null;
        }

        var a = Lo / divisor.Lo;
        var b = Lo / divisor.Hi;
        var c = Hi / divisor.Lo;
        var d = Hi / divisor.Hi;
        return new(Math.Min(Math.Min(a, b), Math.Min(c, d)), Math.Max(Math.Max(a, b), Math.Max(c, d)));
    }

    public bool Overlaps(Interval other) => Lo <= other.Hi && other.Lo <= Hi;

    public bool Contains(decimal value) => Lo <= value && value <= Hi;

    public Interval Widen(decimal by) => new(Lo - by, Hi + by);

    /// <summary>How far apart two ranges are (0 when they overlap).</summary>
    public decimal DistanceTo(Interval other) => Overlaps(other) ? 0 : Lo > other.Hi ? Lo - other.Hi : other.Lo - Hi;

    public override string ToString() => Lo == Hi ? Show(Lo) : $"[{Show(Lo)}, {Show(Hi)}]";

    private static string Show(decimal v) => Math.Round(v, 4).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
