using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Kessan.Ledger;

/// <summary>
/// A name of 1 to 8 bytes (<see cref="Length"/> 0: none) as one number, and its id: recognised in one comparison. For
/// a commodity, also what was last written between its first byte and the number after it (the name and the spaces,
/// <c>"JPY "</c>), of 1 to 8 bytes (<see cref="PrefixLength"/> 0: none): an amount written the same way is recognised
/// in one comparison too.
/// </summary>
internal struct ShortName
{
    public ulong Bits;
    public int Length;
    public int Id;
    public ulong PrefixBits;
    public int PrefixLength;
}

/// <summary>
/// Byte-level (UTF-8) parsing of the pieces of a journal line: dates, amounts with their commodity, names.
/// Amounts are read exactly: as a scaled integer (<see cref="Scale"/> decimals) when they fit, as a decimal otherwise.
/// </summary>
internal static class LedgerText
{
    /// <summary>Decimals kept by the fast integer path: 1 yen = 10,000 units.</summary>
    public const int Scale = 4;

    public const long UnitsPerOne = 10_000;

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000];

    /// <summary>
    /// Where <paramref name="value"/> is among 32 bytes given as two 16-byte vectors, as a bit mask (bit i: byte i).
    /// 16-byte vectors are in every x64 and Arm64 processor, so the native executable, which cannot assume wider
    /// ones, uses them too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mask32(Vector128<byte> low, Vector128<byte> high, Vector128<byte> value) =>
        Vector128.Equals(low, value).ExtractMostSignificantBits() | (Vector128.Equals(high, value).ExtractMostSignificantBits() << 16);

    /// <summary>The blanks (space or tab) among the 64 bytes at <paramref name="s"/>, as a bit mask (bit i: byte i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong BlankMask64(ref byte s)
    {
        var space = Vector128.Create((byte)' ');
        var tab = Vector128.Create((byte)'\t');
        var v0 = Vector128.LoadUnsafe(ref s);
        var v1 = Vector128.LoadUnsafe(ref s, 16);
        var v2 = Vector128.LoadUnsafe(ref s, 32);
        var v3 = Vector128.LoadUnsafe(ref s, 48);
        ulong m0 = (Vector128.Equals(v0, space) | Vector128.Equals(v0, tab)).ExtractMostSignificantBits();
        ulong m1 = (Vector128.Equals(v1, space) | Vector128.Equals(v1, tab)).ExtractMostSignificantBits();
        ulong m2 = (Vector128.Equals(v2, space) | Vector128.Equals(v2, tab)).ExtractMostSignificantBits();
        ulong m3 = (Vector128.Equals(v3, space) | Vector128.Equals(v3, tab)).ExtractMostSignificantBits();
        return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
    }

    /// <summary>Reads <c>YYYY-MM-DD</c>, <c>YYYY/MM/DD</c> or <c>YYYY.MM.DD</c> (month and day may have one digit) and checks the day exists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<byte> s, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (s.Length < 8 || s.Length > 10)
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            var d = s[i] - (byte)'0';
            if (unchecked((uint)d > 9))
            {
                return false;
            }

            year = (year * 10) + d;
        }

        var sep = s[4];
        if (sep is not ((byte)'-' or (byte)'/' or (byte)'.'))
        {
            return false;
        }

        var p = 5;
        if (!TwoDigits(s, ref p, out month) || p >= s.Length || s[p] != sep)
        {
            return false;
        }

        p++;
        if (!TwoDigits(s, ref p, out day) || p != s.Length)
        {
            return false;
        }

        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TwoDigits(ReadOnlySpan<byte> s, ref int p, out int value)
    {
        value = 0;
        var start = p;
        while (p < s.Length && p - start < 2 && unchecked((uint)(s[p] - (byte)'0') <= 9))
        {
            value = (value * 10) + (s[p] - (byte)'0');
            p++;
        }

        return p > start;
    }

    /// <summary>
    /// Reads an amount such as <c>JPY 1,000</c>, <c>-JPY 1,000</c>, <c>JPY -1,000</c>, <c>1000 JPY</c>, <c>¥1000</c>,
    /// <c>$12.50</c>, <c>1,000 "Some Fund"</c> or a bare number. The commodity is returned as a slice of <paramref name="s"/>
    /// (without quotes); empty when there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseAmount(ReadOnlySpan<byte> s, out ScaledAmount value, out int commodityStart, out int commodityLength)
    {
        value = default;
        commodityStart = commodityLength = 0;
        s = Trim(s, out var lead);
        if (s.IsEmpty)
        {
            return false;
        }

        var p = 0;
        var negative = false;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == (byte)'-';
            p = 1;
            SkipBlanks(s, ref p);
        }

        if (p < s.Length && IsNumberStart(s[p]))
        {
            if (!TryParseNumber(s, ref p, out value, out _))
            {
                return false;
            }

            SkipBlanks(s, ref p);
            if (p < s.Length && !TryReadCommodity(s, ref p, out commodityStart, out commodityLength))
            {
                return false;
            }
        }
        else
        {
            if (!TryReadCommodity(s, ref p, out commodityStart, out commodityLength))
            {
                return false;
            }

            SkipBlanks(s, ref p);
            if (p < s.Length && s[p] is (byte)'-' or (byte)'+')
            {
                if (s[p] == (byte)'-')
                {
                    if (negative)
                    {
                        return false;
                    }

                    negative = true;
                }

                p++;
            }

            if (p >= s.Length || !IsNumberStart(s[p]) || !TryParseNumber(s, ref p, out value, out _))
            {
                return false;
            }
        }

        SkipBlanks(s, ref p);
        if (p != s.Length)
        {
            return false;
        }

        commodityStart += lead;
        if (negative)
        {
            value = value.Negate();
        }

        return true;
    }

    /// <summary>
    /// The common case of <see cref="TryParseAmount"/>, without building a <see cref="ScaledAmount"/>: an optional
    /// minus, a commodity before or after, whole units with thousands commas or up to 4 decimals, at most 14 digits.
    /// Returns false when the text needs the full parser (which then also decides whether it is wrong).
    /// <paramref name="s"/> is already trimmed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseAmountFast(ReadOnlySpan<byte> s, out long units, out int decimals, out int commodityStart, out int commodityLength) =>
        TryParseAmountAt(ref MemoryMarshal.GetReference(s), 0, s.Length, out units, out decimals, out commodityStart, out commodityLength);

    /// <summary>
    /// <see cref="TryParseAmountFast"/> for the bytes from <paramref name="start"/> to <paramref name="end"/> after
    /// <paramref name="r"/> (already trimmed; nothing outside them is read), the commodity's start counted from
    /// <paramref name="r"/>. Digits are read in runs (a run ends at a comma or the point), not byte by byte through a
    /// state machine: fewer branches for the processor to guess; the common run after a comma, three digits, is checked
    /// and added from one 32-bit read. The digits are counted after the runs; more than 14 (the mantissa may then have
    /// wrapped around, unchecked) sends the text to the full parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseAmountAt(ref byte r, int start, int end, out long units, out int decimals, out int commodityStart, out int commodityLength)
    {
        unchecked
        {
            units = 0;
            decimals = 0;
            commodityStart = commodityLength = 0;
            var n = end;

            // The sign without a branch (see TryParseGroupedAmount).
            var minus = start < n && Unsafe.Add(ref r, start) == (byte)'-' ? 1 : 0;
            var p = start + minus;

            var commodityFirst = p < n && (uint)(Unsafe.Add(ref r, p) - (byte)'0') > 9;
            if (commodityFirst)
            {
                commodityStart = p;
                p = CommodityEnd(ref r, p, n);
                commodityLength = p - commodityStart;
                if (commodityLength == 0)
                {
                    return false;
                }

                while (p < n && Unsafe.Add(ref r, p) == (byte)' ')
                {
                    p++;
                }

                // A minus after the commodity (JPY -500), also without a branch; two minus signs are not a number.
                var second = p < n && Unsafe.Add(ref r, p) == (byte)'-' ? 1 : 0;
                if ((minus & second) != 0)
                {
                    return false;
                }

                minus |= second;
                p += second;
            }

            // Runs of digits joined by single commas (a comma stands between two digits); the common run after a comma,
            // three digits, is checked and added from one 32-bit read.
            long mantissa = 0;
            var q = p;
            var commas = 0;
            uint d;
            while (q < n && (d = (uint)(Unsafe.Add(ref r, q) - (byte)'0')) <= 9)
            {
                mantissa = (mantissa * 10) + d;
                q++;
            }

            if (q == p)
            {
                return false;
            }

            while (q < n && Unsafe.Add(ref r, q) == (byte)',')
            {
                commas++;
                if (q + 4 <= n)
                {
                    // Little-endian: the comma is the low byte. Each digit is 0x30-0x39: its high half is 3, and adding 6
                    // to its low half does not carry into the high half.
                    var w = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, q));
                    if ((w & 0xF0F0F0FF) == 0x3030302C && ((w + 0x06060600) & 0xF0F0F000) == 0x30303000
                        && (q + 4 == n || (uint)(Unsafe.Add(ref r, q + 4) - (byte)'0') > 9))
                    {
                        mantissa = (mantissa * 1000) + (((w >> 8) & 0xF) * 100) + (((w >> 16) & 0xF) * 10) + ((w >> 24) & 0xF);
                        q += 4;
                        continue;
                    }
                }

                var run = ++q;
                while (q < n && (d = (uint)(Unsafe.Add(ref r, q) - (byte)'0')) <= 9)
                {
                    mantissa = (mantissa * 10) + d;
                    q++;
                }

                if (q == run)
                {
                    return false;
                }
            }

            var digits = q - p - commas;
            if (q < n && Unsafe.Add(ref r, q) == (byte)'.')
            {
                var point = ++q;
                while (q < n && (d = (uint)(Unsafe.Add(ref r, q) - (byte)'0')) <= 9)
                {
                    mantissa = (mantissa * 10) + d;
                    q++;
                }

                decimals = q - point;
                if (decimals == 0 || decimals > Scale)
                {
                    return false;
                }

                digits += decimals;
            }

            if (digits > 14)
            {
                return false;
            }

            if (!commodityFirst && q < n)
            {
                if (Unsafe.Add(ref r, q) != (byte)' ')
                {
                    return false;
                }

                while (q < n && Unsafe.Add(ref r, q) == (byte)' ')
                {
                    q++;
                }

                commodityStart = q;
                q = CommodityEnd(ref r, q, n);
                commodityLength = q - commodityStart;
                if (commodityLength == 0)
                {
                    return false;
                }
            }

            if (q != n)
            {
                return false;
            }

            units = mantissa * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Pow10), Scale - decimals);
            units = (units ^ -minus) + minus; // negated when minus is 1
            return true;
        }
    }

    /// <summary>
    /// The commonest amount of a journal, a commodity then a whole number in groups of three (<c>JPY 1,234,567</c>,
    /// <c>-JPY 500</c>, <c>JPY -12,000</c>, <c>¥1,000</c>), read with vector instructions: the same result as
    /// <see cref="TryParseAmountAt"/> when it returns true; false for every other text (which that method then reads).
    /// The bytes from <paramref name="start"/> to <paramref name="end"/> after <paramref name="s"/> are the trimmed
    /// amount; the 16 bytes before <paramref name="end"/> and the 8 after it must be readable (<paramref name="end"/> at
    /// least 16). <paramref name="isKnown"/>: the commodity is <paramref name="known"/>, compared in one 8-byte read, or
    /// written as <paramref name="known"/> remembers (its prefix: the same bytes from the commodity to the number).
    /// <paramref name="prefixLength"/>: when the amount was read otherwise, how many bytes its commodity and the spaces
    /// after it take, for the caller to remember as the prefix of that commodity (0 when read through the prefix).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseGroupedAmount(ref byte s, int start, int end, in ShortName known, out long units, out int commodityStart, out int commodityLength, out bool isKnown, out int prefixLength)
    {
        unchecked
        {
            units = 0;
            commodityStart = commodityLength = prefixLength = 0;
            isKnown = false;
            if (!Ssse3.IsSupported)
            {
                return false;
            }

            // The last 16 bytes: which are digits and which commas (bit i: byte end - 16 + i).
            var v = Vector128.LoadUnsafe(ref s, (nuint)(end - 16));
            var d = v - Vector128.Create((byte)'0');
            var isDigit = Vector128.LessThan(d, Vector128.Create((byte)10));
            var digits = isDigit.ExtractMostSignificantBits();
            var commas = Vector128.Equals(v, Vector128.Create((byte)',')).ExtractMostSignificantBits();

            // The number: the digits and commas at the end, ending with a digit, shorter than 16 bytes.
            var other = ~(digits | commas) & 0xFFFF;
            if (other == 0 || (digits & 0x8000) == 0)
            {
                return false;
            }

            var first = 32 - BitOperations.LeadingZeroCount(other); // its first byte, counted like the bits
            var number = 0xFFFFu << first;

            // A comma before each group of three from the end (bits 12, 8, 4), and a digit first.
            if ((commas & number) != (0x1111u & number) || ((0x1111u >> first) & 1) != 0)
            {
                return false;
            }

            // Before the number: [-]COMMODITY[spaces][-], exactly as TryParseAmountAt reads it.
            var numberStart = end - 16 + first;
            // The sign without a branch: about half the amounts of a ledger are negative, in no order a processor can
            // predict.
            var minus = Unsafe.Add(ref s, start) == (byte)'-' ? 1 : 0;
            var p = start + minus;
            commodityStart = p;

            // The commodity and spaces written as last time ("JPY "), then at most a minus before the number: one
            // comparison of the bytes between (two minus signs are left for the reading below to refuse).
            var second = Unsafe.Add(ref s, numberStart - 1) == (byte)'-' ? 1 : 0;
            var prefix = known.PrefixLength;
            if (prefix > 0 && numberStart - second - p == prefix && (minus & second) == 0
                && FirstBytes(ref Unsafe.Add(ref s, p), prefix) == known.PrefixBits)
            {
                isKnown = true;
                commodityLength = known.Length;
                minus |= second;
                return Units(d, isDigit, first, minus, out units);
            }

            ref var table = ref MemoryMarshal.GetReference(CommodityBytes);
            var k = known.Length;
            if (k > 0 && p + k <= numberStart && FirstBytes(ref Unsafe.Add(ref s, p), k) == known.Bits
                && Unsafe.Add(ref table, Unsafe.Add(ref s, p + k)) == 0)
            {
                // The commodity named last (its bytes are all commodity bytes, and the next one is not).
                isKnown = true;
                p += k;
            }
            else
            {
                p = CommodityEnd(ref s, p, numberStart);
            }

            commodityLength = p - commodityStart;
            if (commodityLength == 0)
            {
                return false;
            }

            while (p < numberStart && Unsafe.Add(ref s, p) == (byte)' ')
            {
                p++;
            }

            // A minus after the commodity, also without a branch (a second one is left for the test below to refuse).
            second = (p < numberStart && Unsafe.Add(ref s, p) == (byte)'-' ? 1 : 0) & (minus ^ 1);
            minus |= second;
            prefixLength = p - commodityStart;
            p += second;

            if (p != numberStart)
            {
                prefixLength = 0;
                return false;
            }

            return Units(d, isDigit, first, minus, out units);
        }
    }

    /// <summary>
    /// The number of <see cref="TryParseGroupedAmount"/>, from its last 16 bytes less '0' (<paramref name="d"/>), which
    /// of them are digits, and where it starts among them (<paramref name="first"/>); negated when
    /// <paramref name="minus"/> is 1. Returns true.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Units(Vector128<byte> d, Vector128<byte> isDigit, int first, int minus, out long units)
    {
        unchecked
        {
            // Each 4 bytes (comma, digit, digit, digit) give one group: the digits times 100, 10 and 1, added up.
            var value = d & isDigit & Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(FromByte), (nuint)(16 - first));
            var pairs = Ssse3.MultiplyAddAdjacent(value, Vector128.Create((sbyte)0, 100, 10, 1, 0, 100, 10, 1, 0, 100, 10, 1, 0, 100, 10, 1));
            var groups = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)1));

            // The four groups (each below 1,000) as 16-bit numbers, then two by two: the first six digits and the last six.
            var sixes = Sse2.MultiplyAddAdjacent(Sse2.PackSignedSaturate(groups, groups), Vector128.Create((short)1000, 1, 1000, 1, 1000, 1, 1000, 1)).AsUInt64().ToScalar();
            units = ((long)(uint)sixes * (1_000_000 * UnitsPerOne)) + ((long)(sixes >> 32) * UnitsPerOne);
            units = (units ^ -minus) + minus; // negated when minus is 1
            return true;
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> bytes at <paramref name="s"/> (1 to 8; 8 must be readable) as one number,
    /// the first byte lowest, as a <see cref="ShortName"/> holds a name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FirstBytes(ref byte s, int count) => Unsafe.ReadUnaligned<ulong>(ref s) & (ulong.MaxValue >> (64 - (8 * count)));

    /// <summary>16 zero bytes then 16 bytes of ones: read from 16 - i, the bytes from i on.</summary>
    private static ReadOnlySpan<byte> FromByte =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ];

    /// <summary>Reads a plain number (<c>1,234.5</c>, <c>-12</c>, <c>(1,234)</c> for a negative) as written in a CSV cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParsePlainNumber(ReadOnlySpan<byte> s, out ScaledAmount value)
    {
        value = default;
        s = Trim(s, out _);
        var negative = false;
        if (s.Length >= 2 && s[0] == (byte)'(' && s[^1] == (byte)')')
        {
            negative = true;
            s = Trim(s[1..^1], out _);
        }

        if (s.IsEmpty)
        {
            return false;
        }

        var p = 0;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            if (negative)
            {
                return false;
            }

            negative = s[0] == (byte)'-';
            p = 1;
        }

        if (p >= s.Length || !IsNumberStart(s[p]) || !TryParseNumber(s, ref p, out value, out _) || p != s.Length)
        {
            return false;
        }

        if (negative)
        {
            value = value.Negate();
        }

        return true;
    }

    /// <summary>Where the commodity symbol at <paramref name="p"/> ends (<paramref name="p"/> itself when there is none), before <paramref name="n"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CommodityEnd(ref byte r, int p, int n)
    {
        ref var table = ref MemoryMarshal.GetReference(CommodityBytes);
        while (p < n && Unsafe.Add(ref table, Unsafe.Add(ref r, p)) != 0)
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNumberStart(byte b) => unchecked((uint)(b - (byte)'0') <= 9) || b == (byte)'.';

    /// <summary>Digits with optional thousands commas and one decimal point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseNumber(ReadOnlySpan<byte> s, ref int p, out ScaledAmount value, out int decimals)
    {
        value = default;
        long mantissa = 0;
        var digits = 0;
        decimals = -1;
        var start = p;
        while (p < s.Length)
        {
            var b = s[p];
            var d = b - (byte)'0';
            if (unchecked((uint)d <= 9))
            {
                if (digits < 18)
                {
                    mantissa = (mantissa * 10) + d;
                }

                digits++;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (b == (byte)',')
            {
                // A thousands separator sits between digits, before any decimal point.
                if (decimals >= 0 || p == start || p + 1 >= s.Length || unchecked((uint)(s[p - 1] - (byte)'0') > 9) || unchecked((uint)(s[p + 1] - (byte)'0') > 9))
                {
                    return false;
                }
            }
            else if (b == (byte)'.')
            {
                if (decimals >= 0)
                {
                    return false;
                }

                decimals = 0;
            }
            else
            {
                break;
            }

            p++;
        }

        if (digits == 0)
        {
            return false;
        }

        if (decimals < 0)
        {
            decimals = 0;
        }

        if (digits <= 14 && decimals <= Scale)
        {
            value = ScaledAmount.FromUnits(mantissa * Pow10[Scale - decimals], decimals);
            return true;
        }

        // Too many digits for the integer path: read it as a decimal, still exactly.
        Span<char> text = stackalloc char[p - start];
        var n = 0;
        foreach (var b in s[start..p])
        {
            if (b != (byte)',')
            {
                text[n++] = (char)b;
            }
        }

        if (!decimal.TryParse(text[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var exact))
        {
            return false;
        }

        value = ScaledAmount.FromDecimal(exact, decimals);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadCommodity(ReadOnlySpan<byte> s, ref int p, out int start, out int length)
    {
        start = p;
        length = 0;
        if (p < s.Length && s[p] == (byte)'"')
        {
            var close = s[(p + 1)..].IndexOf((byte)'"');
            if (close <= 0)
            {
                return false;
            }

            start = p + 1;
            length = close;
            p += close + 2;
            return true;
        }

        while (p < s.Length && IsCommodityByte(s[p]))
        {
            p++;
        }

        length = p - start;
        return length > 0;
    }

    /// <summary>Anything but digits, blanks and the punctuation ledger reserves; every non-ASCII byte (¥, €) counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCommodityByte(byte b) => CommodityBytes[b] != 0;

    /// <summary>
    /// 1 for the bytes a commodity symbol may contain: every non-ASCII byte, and every printable ASCII byte but digits
    /// and <c>- + . , ; : ? ! * / ^ &amp; | = &lt; &gt; { } [ ] ( ) @ "</c>.
    /// </summary>
    private static ReadOnlySpan<byte> CommodityBytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void SkipBlanks(ReadOnlySpan<byte> s, ref int p)
    {
        while (p < s.Length && (s[p] == (byte)' ' || s[p] == (byte)'\t'))
        {
            p++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s, out int lead)
    {
        lead = 0;
        while (lead < s.Length && (s[lead] == (byte)' ' || s[lead] == (byte)'\t'))
        {
            lead++;
        }

        var end = s.Length;
        while (end > lead && (s[end - 1] == (byte)' ' || s[end - 1] == (byte)'\t'))
        {
            end--;
        }

        return s[lead..end];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    /// <summary>A line quoted for a message, shortened if long (Diagnostic shows its control characters as \xNN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Quote(ReadOnlySpan<byte> s)
    {
        var text = Encoding.UTF8.GetString(s.Length > 80 ? s[..80] : s).Trim();
        return s.Length > 80 ? $"\"{text}…\"" : $"\"{text}\"";
    }

    /// <summary>
    /// The position of the first blank (space or tab) in <paramref name="s"/>, or -1, 16 bytes at a time (names are
    /// short). Written out here rather than calling <c>IndexOfAny</c> so that a reader compiled at its first call does
    /// not run the framework's precompiled search until the runtime recompiles it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfBlank(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            ref var r = ref MemoryMarshal.GetReference(s);
            var i = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                var space = Vector128.Create((byte)' ');
                var tab = Vector128.Create((byte)'\t');
                for (; i + 16 <= s.Length; i += 16)
                {
                    var v = Vector128.LoadUnsafe(ref r, (nuint)i);
                    var mask = (Vector128.Equals(v, space) | Vector128.Equals(v, tab)).ExtractMostSignificantBits();
                    if (mask != 0)
                    {
                        return i + BitOperations.TrailingZeroCount(mask);
                    }
                }
            }

            for (; i < s.Length; i++)
            {
                if (s[i] is (byte)' ' or (byte)'\t')
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Whether two byte strings are equal: 16 bytes at a time with the last read overlapping (no loop up to 32 bytes), 8 or 4 for short ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool BytesEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        unchecked
        {
            var n = a.Length;
            if (n != b.Length)
            {
                return false;
            }

            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);

            // Two reads that overlap when the length is not twice their size: no loop up to 32 bytes (most names).
            if (n >= 16 && Vector128.IsHardwareAccelerated)
            {
                var i = 0;
                for (; i + 32 < n; i += 16)
                {
                    if (Vector128.LoadUnsafe(ref ra, (nuint)i) != Vector128.LoadUnsafe(ref rb, (nuint)i))
                    {
                        return false;
                    }
                }

                var last = (nuint)(n - 16);
                return ((Vector128.LoadUnsafe(ref ra, (nuint)i) ^ Vector128.LoadUnsafe(ref rb, (nuint)i))
                    | (Vector128.LoadUnsafe(ref ra, last) ^ Vector128.LoadUnsafe(ref rb, last))) == Vector128<byte>.Zero;
            }

            if (n >= 8)
            {
                // Whole words, then the last 8 bytes (overlapping the last word read when n is not a multiple of 8).
                var i = 0;
                for (; i + 8 < n; i += 8)
                {
                    if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, i)) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, i)))
                    {
                        return false;
                    }
                }

                return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, n - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, n - 8));
            }

            if (n >= 4)
            {
                return Unsafe.ReadUnaligned<uint>(ref ra) == Unsafe.ReadUnaligned<uint>(ref rb)
                    && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref ra, n - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref rb, n - 4));
            }

            for (var k = 0; k < n; k++)
            {
                if (Unsafe.Add(ref ra, k) != Unsafe.Add(ref rb, k))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A fast non-cryptographic hash of a byte string (8 bytes at a time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static ulong Hash(ReadOnlySpan<byte> key)
    {
        unchecked
        {
            ref var r = ref MemoryMarshal.GetReference(key);
            var n = key.Length;
            ulong h;
            if (n >= 8)
            {
                // Three 8-byte reads (start, middle, end) whatever the length: names differ somewhere in them in
                // practice, and equal hashes are told apart by comparing the bytes.
                var a = Unsafe.ReadUnaligned<ulong>(ref r);
                var b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, (n / 2) - 4));
                var c = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, n - 8));
                h = ((a * 0x9E3779B97F4A7C15UL) ^ (b * 0xC2B2AE3D27D4EB4FUL) ^ (c * 0x165667B19E3779F9UL)) + (ulong)n;
            }
            else
            {
                h = (ulong)n;
                for (var k = 0; k < n; k++)
                {
                    h |= (ulong)Unsafe.Add(ref r, k) << (8 * (k + 1));
                }

                h *= 0x9E3779B97F4A7C15UL;
            }

            h ^= h >> 29;
            h *= 0xBF58476D1CE4E5B9UL;
            h ^= h >> 32;
            return h;
        }
    }
}
